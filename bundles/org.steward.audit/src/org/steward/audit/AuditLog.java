package org.steward.audit;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.steward.core.AccessDeniedException;
import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.core.ProcessingRestrictedException;

/**
 * The append-only, hash-chained audit log (design rule 5). Every operation on personal data records one entry through
 * {@link #append(AuditEvent)}. Nothing in this interface edits or removes an entry.
 */
@ProviderType
public interface AuditLog {

    /**
     * Records an event and returns the stored entry once it is committed to the database: an acknowledged entry is
     * never lost. Appends from many threads are serialised into one chain by a single writer that commits them in
     * groups; the caller blocks until its group is committed.
     *
     * @throws org.steward.core.ValidationException when the event is invalid, naming the field
     * @throws org.steward.core.UnavailableException when the entry could not be committed (the database is
     *             unavailable, the log is stopping); the operation being audited should then not proceed
     */
    AuditEntry append(AuditEvent event);

    /**
     * Records many events at once, e.g. one per row of an import, and returns their entries in the given order once all
     * are committed. They are committed in groups, so a large list costs a few commits instead of one per event. Every
     * event is validated before any is queued: an invalid one fails the call with nothing recorded.
     *
     * @throws org.steward.core.ValidationException naming the position and field of the first invalid event
     * @throws org.steward.core.UnavailableException when the entries could not all be committed; the entries before
     *             the failing group may have been recorded, and say so in the log's order
     */
    List<AuditEntry> appendAll(List<AuditEvent> events);

    /** One page of entries matching the query. */
    AuditPage query(AuditQuery query);

    /** The last committed entry, empty when the log is empty. */
    Optional<AuditEntry> latest();

    /**
     * Verifies the whole chain in sequence order, in pages (constant memory), against the recorded head and the anchors
     * file, and reports the first broken entry.
     */
    default AuditVerification verify() {
        return verify(1, Long.MAX_VALUE, VerificationProgress.NONE);
    }

    /**
     * Verifies the entries {@code fromSeq..toSeq} (inclusive). The check of a range that does not start at 1 trusts
     * the hash of the entry before it; only a full verification checks the end against the recorded head.
     *
     * @param progress told after every page, e.g. to show progress for a large log
     * @throws org.steward.core.ValidationException when the range is empty or starts below 1
     */
    AuditVerification verify(long fromSeq, long toSeq, VerificationProgress progress);

    /**
     * The one audited refusal of an operation on a person whose processing is restricted (GDPR Art. 18): records a
     * {@link Outcome#DENIED} entry naming the action, the record and the person, and returns the exception for the
     * caller to throw. When the entry cannot be written the refusal still stands (the operation is not carried out).
     *
     * @param recordId the record concerned, or empty when the operation would have created it
     * @since 1.2
     */
    default ProcessingRestrictedException refuseRestricted(Actor actor, String action, String module, String type,
            String recordId, PersonId person) {
        try {
            append(AuditEvent.builder(actor, action).target(module, type, recordId == null ? "" : recordId)
                    .person(person).outcome(Outcome.DENIED).details("processing restricted (Art. 18)").build());
        } catch (RuntimeException unrecorded) {
            // refusing is what protects the person; a missing entry is reported by the log itself. Any failure of
            // the log (a stopping service answers with an IllegalStateException too) must not replace the refusal
        }
        return new ProcessingRestrictedException(person, action);
    }

    /**
     * The one audited refusal of an operation the actor is not permitted: records a {@link Outcome#DENIED} entry and
     * returns the exception for the caller to throw.
     *
     * @param reason why, without a personal value (e.g. {@code "no permission contacts.read"})
     * @since 1.2
     */
    default AccessDeniedException refuseAccess(Actor actor, String action, String module, String type,
            String recordId, PersonId person, String reason) {
        try {
            AuditEvent.Builder event = AuditEvent.builder(actor, action)
                    .target(module, type, recordId == null ? "" : recordId).outcome(Outcome.DENIED).details(reason);
            if (person != null) {
                event.person(person);
            }
            append(event.build());
        } catch (RuntimeException unrecorded) {
            // refusing is what protects the data; a missing entry is reported by the log itself
        }
        return new AccessDeniedException(action, reason);
    }
}
