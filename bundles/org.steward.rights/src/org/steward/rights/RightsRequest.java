package org.steward.rights;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

import org.steward.core.PersonId;

/**
 * One data-subject request as registered. It names the person by id only; the e-mail address the request came with
 * is kept as a blind index, never in plain text.
 *
 * @param received the day of receipt; the deadline counts from it
 * @param channel how the request came in (e-mail, letter, portal, phone, console, ...), in words
 * @param due the answer is due by the end of this day: one month after receipt, or the extended limit
 * @param extensionMonths 0, or the 1 or 2 months the limit was extended by (Art. 12(3))
 * @param extensionReason why the limit was extended, as told to the person; empty without an extension
 * @param noticeAt when the person was told about the extension; empty without an extension
 * @param noticeVia how they were told: {@code mail:<outbox id>} when queued in the mail outbox, {@code manual} when
 *            the assignee must tell them outside Steward (no mail module, no contact address)
 * @param assignee the user id handling the request; empty when unassigned
 * @param refusalReason why the request was refused; empty unless {@link RequestState#REFUSED}
 * @param closedAt when it became {@link RequestState#DONE} or {@link RequestState#REFUSED}
 */
public record RightsRequest(RequestId id, RequestType type, PersonId person, LocalDate received, String channel,
        Verification verification, RequestState state, LocalDate due, int extensionMonths, String extensionReason,
        Optional<Instant> noticeAt, String noticeVia, String assignee, String refusalReason,
        Optional<Instant> closedAt, Instant registeredAt) {

    public RightsRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(verification, "verification");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(due, "due");
        channel = channel == null ? "" : channel;
        extensionReason = extensionReason == null ? "" : extensionReason;
        noticeAt = noticeAt == null ? Optional.empty() : noticeAt;
        noticeVia = noticeVia == null ? "" : noticeVia;
        assignee = assignee == null ? "" : assignee;
        refusalReason = refusalReason == null ? "" : refusalReason;
        closedAt = closedAt == null ? Optional.empty() : closedAt;
    }

    /** Whether the request is still open after its due day. */
    public boolean isOverdue(LocalDate today) {
        return state.isOpen() && today.isAfter(due);
    }
}
