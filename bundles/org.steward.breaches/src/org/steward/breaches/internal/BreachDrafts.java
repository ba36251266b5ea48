package org.steward.breaches.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.steward.breaches.AuthorityNotification;
import org.steward.breaches.Breach;
import org.steward.breaches.BreachDraft;
import org.steward.breaches.BreachId;
import org.steward.breaches.BreachStatus;
import org.steward.breaches.RiskLevel;
import org.steward.core.NotFoundException;
import org.steward.core.ValidationException;
import org.steward.core.Violation;

import jakarta.persistence.EntityManager;

/** A breach as entered (its draft), checked, stored in its record and read back; the fields an edit changed. */
final class BreachDrafts {

    /** How far ahead of the clock a time may be entered, for clocks of different machines. */
    static final Duration SKEW = Duration.ofMinutes(5);

    private BreachDrafts() {
    }

    static List<String> changedFields(BreachDraft before, BreachDraft after) {
        List<String> fields = new ArrayList<>();
        check(fields, "discoveredAt", before == null ? null : before.discoveredAt(), after.discoveredAt());
        check(fields, "awareAt", before == null ? null : before.awareAt(), after.awareAt());
        check(fields, "nature", before == null ? "" : before.nature(), after.nature());
        check(fields, "subjectCategories", before == null ? "" : before.subjectCategories(),
                after.subjectCategories());
        check(fields, "approxSubjects", before == null ? 0L : before.approxSubjects(), after.approxSubjects());
        check(fields, "dataCategories", before == null ? "" : before.dataCategories(), after.dataCategories());
        check(fields, "approxRecords", before == null ? 0L : before.approxRecords(), after.approxRecords());
        check(fields, "consequences", before == null ? "" : before.consequences(), after.consequences());
        check(fields, "measures", before == null ? "" : before.measures(), after.measures());
        check(fields, "contactPoint", before == null ? "" : before.contactPoint(), after.contactPoint());
        check(fields, "risk", before == null ? null : before.risk(), after.risk());
        check(fields, "status", before == null ? null : before.status(), after.status());
        return fields;
    }

    private static void check(List<String> fields, String name, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            fields.add(name);
        }
    }

    static void validate(BreachDraft draft, Instant now) {
        if (draft == null) {
            throw new ValidationException("draft", "is required");
        }
        List<Violation> found = new ArrayList<>();
        Instant latest = now.plus(SKEW);
        if (draft.discoveredAt() == null) {
            found.add(new Violation("discoveredAt", "is required"));
        } else if (draft.discoveredAt().isAfter(latest)) {
            found.add(new Violation("discoveredAt", "lies in the future"));
        }
        if (draft.awareAt() == null) {
            found.add(new Violation("awareAt", "is required"));
        } else if (draft.awareAt().isAfter(latest)) {
            found.add(new Violation("awareAt", "lies in the future"));
        } else if (draft.discoveredAt() != null && draft.awareAt().isBefore(draft.discoveredAt())) {
            found.add(new Violation("awareAt", "lies before discoveredAt"));
        }
        if (draft.nature().isEmpty()) {
            found.add(new Violation("nature", "is required (what happened)"));
        }
        if (draft.approxSubjects() < 0) {
            found.add(new Violation("approxSubjects", "cannot be negative"));
        }
        if (draft.approxRecords() < 0) {
            found.add(new Violation("approxRecords", "cannot be negative"));
        }
        if (draft.contactPoint().length() > 1000) {
            found.add(new Violation("contactPoint", "is longer than 1000 characters"));
        }
        if (!found.isEmpty()) {
            throw new ValidationException(found);
        }
    }

    static void apply(BreachRecord r, BreachDraft d) {
        r.discoveredAt = d.discoveredAt();
        r.awareAt = d.awareAt();
        r.nature = d.nature();
        r.subjectCategories = d.subjectCategories();
        r.approxSubjects = d.approxSubjects();
        r.dataCategories = d.dataCategories();
        r.approxRecords = d.approxRecords();
        r.consequences = d.consequences();
        r.measures = d.measures();
        r.contactPoint = d.contactPoint();
        r.risk = d.risk().name();
        r.status = d.status().name();
    }

    static BreachRecord find(EntityManager em, BreachId id) {
        BreachRecord r = em.find(BreachRecord.class, Objects.requireNonNull(id, "id").value());
        if (r == null) {
            throw new NotFoundException("Breach", id);
        }
        return r;
    }

    static Breach toBreach(BreachRecord r) {
        BreachDraft details = new BreachDraft(r.discoveredAt, r.awareAt, r.nature, r.subjectCategories,
                r.approxSubjects, r.dataCategories, r.approxRecords, r.consequences, r.measures, r.contactPoint,
                RiskLevel.valueOf(r.risk), BreachStatus.valueOf(r.status));
        Optional<AuthorityNotification> authority = r.authorityNotifiedAt == null ? Optional.empty()
                : Optional.of(new AuthorityNotification(r.authorityNotifiedAt, r.authorityReference,
                        r.authorityNotifiedAt.isAfter(r.awareAt.plus(Breach.NOTIFICATION_PERIOD)), r.delayReasons,
                        r.authorityRecordedBy));
        return new Breach(new BreachId(r.id), details, authority, Optional.ofNullable(r.overdueAlertedAt),
                r.recordedAt, r.recordedBy, r.updatedAt);
    }
}
