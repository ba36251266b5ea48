package org.steward.breaches;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A breach in the register.
 *
 * @param id its id
 * @param details what is known about it
 * @param authority the notification of the supervisory authority, once recorded
 * @param overdueAlertedAt when the overdue alert was raised, if it was
 * @param recordedAt when it was entered in the register
 * @param recordedBy the user id who entered it
 * @param updatedAt when it was last changed
 */
public record Breach(BreachId id, BreachDraft details, Optional<AuthorityNotification> authority,
        Optional<Instant> overdueAlertedAt, Instant recordedAt, String recordedBy, Instant updatedAt) {

    /** The time the supervisory authority must be notified within, counted from awareness (Art. 33(1)). */
    public static final Duration NOTIFICATION_PERIOD = Duration.ofHours(72);

    public Breach {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(details, "details");
        authority = authority == null ? Optional.empty() : authority;
        overdueAlertedAt = overdueAlertedAt == null ? Optional.empty() : overdueAlertedAt;
    }

    /** When the authority must have been notified: 72 hours after awareness. */
    public Instant notificationDue() {
        return details.awareAt().plus(NOTIFICATION_PERIOD);
    }

    /** Whether the authority must be notified: unless the breach is unlikely to result in a risk. */
    public boolean notificationRequired() {
        return details.risk() != RiskLevel.NO_RISK;
    }

    /** Whether, at {@code now}, the notification is required, not recorded, and more than 72 hours late. */
    public boolean overdueAt(Instant now) {
        return notificationRequired() && authority.isEmpty() && now.isAfter(notificationDue());
    }
}
