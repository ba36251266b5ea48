package org.steward.breaches;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.steward.core.Actor;

/**
 * The breach register (Art. 33(5)) with the 72-hour clock (Art. 33(1)), the notification of the people concerned
 * (Art. 34) and the register of processing activities (Art. 30). Every method takes the acting principal, asks the
 * permissions service (module {@value #MODULE}) and audits what it does, naming fields, never their values.
 */
@ProviderType
public interface Breaches {

    /** The module name used for permissions and audit. */
    String MODULE = "breaches";

    /** The Event Admin topic of the overdue alert; properties {@code breach.id}, {@code breach.due}. */
    String OVERDUE_TOPIC = "org/steward/breaches/OVERDUE";

    /**
     * Enters a breach in the register.
     *
     * @throws org.steward.core.ValidationException naming every bad field
     * @throws org.steward.core.AccessDeniedException without CREATE on {@value #MODULE}
     */
    Breach record(BreachDraft draft, Actor actor);

    /** Replaces what is known about a breach; the audit entry names the changed fields. */
    Breach update(BreachId id, BreachDraft draft, Actor actor);

    /** @throws org.steward.core.NotFoundException when there is no such breach */
    Breach get(BreachId id, Actor actor);

    /** Every breach, newest awareness first. */
    List<Breach> list(Actor actor);

    /** Breaches whose authority notification is required, not recorded and more than 72 hours after awareness. */
    List<Breach> overdue(Actor actor);

    /**
     * Records the notification of the supervisory authority.
     *
     * @param delayReasons required when the notification came more than 72 hours after awareness (Art. 33(1))
     * @throws org.steward.core.ValidationException when the reference is missing, the time lies before awareness or
     *             in the future, or a late notification has no reasons for the delay
     * @throws org.steward.core.ConflictException when a notification is already recorded
     */
    Breach notifyAuthority(BreachId id, Instant notifiedAt, String reference, String delayReasons, Actor actor);

    /**
     * Tells the people concerned (Art. 34): queues one {@code breach-notice} mail per person through the outbox, in
     * the person's language when known. A person already told about this breach is not mailed again.
     *
     * @return the notice of every person given, in order
     * @throws org.steward.core.UnavailableException when the mail module is not running (nobody was notified)
     */
    List<PersonNotice> notifyPeople(BreachId id, List<Recipient> recipients, Actor actor);

    /** Who was told about a breach and when. */
    List<PersonNotice> notices(BreachId id, Actor actor);

    /** The register of processing activities, from every installed personal-data provider's description. */
    List<ProcessingActivity> processingRegister(Actor actor);

    /**
     * Writes the register of processing activities as CSV (RFC 4180, UTF-8, header row) to a file, replacing it
     * whole; a failure leaves no partial file.
     *
     * @return the number of activities written
     */
    int exportProcessingRegister(Path file, Actor actor);

    /** Settings and counts, for the console. */
    BreachesStatus status();
}
