package org.steward.rights;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.steward.core.Actor;
import org.steward.core.PersonId;

/**
 * The register of data-subject requests with their Art. 12(3) deadlines. Every method takes the acting principal,
 * asks the permissions service (module {@value #MODULE}: CREATE to register, READ to list, EDIT for every change) and
 * audits every transition, naming the request and the person by id only.
 */
@ProviderType
public interface RequestRegister {

    /** The module name used for permissions and audit. */
    String MODULE = "rights";

    /**
     * Registers a request about a known person.
     *
     * @param received the day of receipt; {@code null} means today
     * @param channel how it came in (e-mail, letter, portal, ...), in words
     */
    RightsRequest register(RequestType type, PersonId person, LocalDate received, String channel, Actor actor);

    /**
     * Registers a request that came with an e-mail address: the person is found through the contacts module; without
     * a contact, a new person id is given (nothing is held about it, which is also an answer). The address is kept as
     * a blind index only.
     */
    RightsRequest register(RequestType type, String email, LocalDate received, String channel, Actor actor);

    /** @throws org.steward.core.NotFoundException when there is no such request */
    RightsRequest get(RequestId id, Actor actor);

    /** Every request, or only the open ones past their due day, oldest due first. */
    List<RightsRequest> list(boolean overdueOnly, Actor actor);

    /** The requests about a person, newest first. */
    List<RightsRequest> forPerson(PersonId person, Actor actor);

    /** Records the outcome of the identity check. */
    RightsRequest verify(RequestId id, Verification verification, Actor actor);

    /**
     * Moves a request to {@link RequestState#VERIFYING}, {@link RequestState#IN_PROGRESS} or {@link RequestState#DONE}.
     *
     * @throws org.steward.core.ConflictException when the state cannot follow the current one
     */
    RightsRequest transition(RequestId id, RequestState to, Actor actor);

    /** Refuses a request; the reason is required and is what the person is told. */
    RightsRequest refuse(RequestId id, String reason, Actor actor);

    /** Assigns the request to a user (their user id); an empty value unassigns it. */
    RightsRequest assign(RequestId id, String userId, Actor actor);

    /**
     * Extends the limit by 1 or 2 further months (Art. 12(3)) and records the notice to the person: queued in the mail
     * outbox when the mail and contacts modules are installed and the person has an address, otherwise recorded as to
     * be given by the assignee. Only once, only while the request is open and within the first month.
     *
     * @throws org.steward.core.ValidationException when months is not 1 or 2 or the reason is missing
     * @throws org.steward.core.ConflictException when the request was already extended, is closed, or the first month
     *             is over
     */
    RightsRequest extend(RequestId id, int months, String reason, Actor actor);

    /** The request by id if it exists, without a permission check; for the orchestration inside the module. */
    Optional<RightsRequest> find(RequestId id);
}
