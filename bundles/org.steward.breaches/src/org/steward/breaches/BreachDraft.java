package org.steward.breaches;

import java.time.Instant;

/**
 * What is known about a breach, to record it or to change it. Free texts may name staff (the contact point, who found
 * the breach): they are stored as entered and never written to logs or audit entries.
 *
 * @param discoveredAt when the breach was discovered (by staff or a processor)
 * @param awareAt when the controller became aware of it; the 72-hour clock starts here
 * @param nature what happened (Art. 33(3)(a))
 * @param subjectCategories categories of people concerned
 * @param approxSubjects approximate number of people concerned
 * @param dataCategories categories of personal data concerned
 * @param approxRecords approximate number of records concerned
 * @param consequences likely consequences (Art. 33(3)(c))
 * @param measures measures taken or proposed, also to mitigate adverse effects (Art. 33(3)(d))
 * @param contactPoint the data protection officer or other contact point (Art. 33(3)(b))
 * @param risk the assessed risk
 * @param status where the handling is
 */
public record BreachDraft(Instant discoveredAt, Instant awareAt, String nature, String subjectCategories,
        long approxSubjects, String dataCategories, long approxRecords, String consequences, String measures,
        String contactPoint, RiskLevel risk, BreachStatus status) {

    public BreachDraft {
        nature = text(nature);
        subjectCategories = text(subjectCategories);
        dataCategories = text(dataCategories);
        consequences = text(consequences);
        measures = text(measures);
        contactPoint = text(contactPoint);
        risk = risk == null ? RiskLevel.RISK : risk;
        status = status == null ? BreachStatus.OPEN : status;
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this draft, to change a few fields. */
    public Builder toBuilder() {
        return new Builder().discoveredAt(discoveredAt).awareAt(awareAt).nature(nature)
                .subjects(subjectCategories, approxSubjects).data(dataCategories, approxRecords)
                .consequences(consequences).measures(measures).contactPoint(contactPoint).risk(risk).status(status);
    }

    /** Builds a {@link BreachDraft}; the risk is {@link RiskLevel#RISK} and the status OPEN unless set. */
    public static final class Builder {
        private Instant discoveredAt;
        private Instant awareAt;
        private String nature;
        private String subjectCategories;
        private long approxSubjects;
        private String dataCategories;
        private long approxRecords;
        private String consequences;
        private String measures;
        private String contactPoint;
        private RiskLevel risk;
        private BreachStatus status;

        public Builder discoveredAt(Instant when) {
            this.discoveredAt = when;
            return this;
        }

        public Builder awareAt(Instant when) {
            this.awareAt = when;
            return this;
        }

        public Builder nature(String text) {
            this.nature = text;
            return this;
        }

        public Builder subjects(String categories, long approximately) {
            this.subjectCategories = categories;
            this.approxSubjects = approximately;
            return this;
        }

        public Builder data(String categories, long approxRecords) {
            this.dataCategories = categories;
            this.approxRecords = approxRecords;
            return this;
        }

        public Builder consequences(String text) {
            this.consequences = text;
            return this;
        }

        public Builder measures(String text) {
            this.measures = text;
            return this;
        }

        public Builder contactPoint(String text) {
            this.contactPoint = text;
            return this;
        }

        public Builder risk(RiskLevel risk) {
            this.risk = risk;
            return this;
        }

        public Builder status(BreachStatus status) {
            this.status = status;
            return this;
        }

        public BreachDraft build() {
            return new BreachDraft(discoveredAt, awareAt, nature, subjectCategories, approxSubjects, dataCategories,
                    approxRecords, consequences, measures, contactPoint, risk, status);
        }
    }
}
