package org.steward.contacts.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.steward.contacts.FieldDefinition;
import org.steward.core.DataClassification;

/**
 * The built-in fields of a contact and the column each is stored in. Every personal value is stored encrypted under
 * the person's data key, not only the sensitive ones: Derby keeps the bytes of deleted rows in its pages and log, and
 * an erased person must leave no plaintext behind (design rule 4). The classification still decides who may see a
 * field (sensitive and special-category fields are hidden by default and need a re-authentication).
 */
final class BuiltInFields {

    static final String TAGS = "tags";
    static final String COMPANY = "companyId";
    static final String OWNER = "ownerUserId";

    /**
     * The personal fields sealed together in one ciphertext per contact ({@code CARD}); notes, often long, have their
     * own ({@code NOTES}). A card keys each value by its position here, so a new field goes at the end: cards sealed
     * before simply have no value for it (no migration).
     */
    static final List<String> CARD_FIELDS = List.of("firstName", "lastName", "email", "phone", "mobile",
            "address.street", "address.postalCode", "address.city", "address.region", "address.country", "birthDate",
            "language", "jobTitle", MultiValues.EMAILS, MultiValues.PHONES, MultiValues.ADDRESSES);
    static final String NOTES = "notes";
    /** Field name to column, for the plain (not personal) fields. */
    static final Map<String, String> PLAIN_COLUMNS = new LinkedHashMap<>();
    static final List<FieldDefinition> ALL;

    static {
        PLAIN_COLUMNS.put(COMPANY, "COMPANY_ID");
        PLAIN_COLUMNS.put(TAGS, "TAGS");
        PLAIN_COLUMNS.put(OWNER, "OWNER_USER_ID");
        ALL = List.of(
                f("firstName", "First name", DataClassification.PERSONAL, 200),
                f("lastName", "Last name", DataClassification.PERSONAL, 200),
                f("email", "E-mail", DataClassification.PERSONAL, 254),
                f("phone", "Phone", DataClassification.PERSONAL, 40),
                f("mobile", "Mobile", DataClassification.PERSONAL, 40),
                f("address.street", "Street", DataClassification.PERSONAL, 200),
                f("address.postalCode", "Postal code", DataClassification.PERSONAL, 20),
                f("address.city", "City", DataClassification.PERSONAL, 100),
                f("address.region", "Region", DataClassification.PERSONAL, 100),
                f("address.country", "Country (ISO 3166-1 alpha-2)", DataClassification.PERSONAL, 2),
                f("birthDate", "Birth date (ISO 8601, or --MM-DD without a year)", DataClassification.SENSITIVE,
                        10),
                f("language", "Language (BCP 47)", DataClassification.PERSONAL, 35),
                f("jobTitle", "Job title", DataClassification.PERSONAL, 200),
                f(MultiValues.EMAILS, "Other e-mail addresses (one per line)", DataClassification.PERSONAL, 1000),
                f(MultiValues.PHONES, "Other phone numbers (one per line)", DataClassification.PERSONAL, 500),
                f(MultiValues.ADDRESSES, "Other addresses (one per line)", DataClassification.PERSONAL, 1000),
                f("notes", "Notes", DataClassification.SENSITIVE, 10_000),
                f(COMPANY, "Company", DataClassification.NOT_PERSONAL, 36),
                f(TAGS, "Tags", DataClassification.NOT_PERSONAL, 2000),
                f(OWNER, "Owner", DataClassification.NOT_PERSONAL, 200));
    }

    private static FieldDefinition f(String name, String label, DataClassification classification, int max) {
        return new FieldDefinition(name, label, classification, true, max);
    }

    private BuiltInFields() {
    }
}
