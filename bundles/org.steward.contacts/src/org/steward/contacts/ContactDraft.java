package org.steward.contacts;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The values of a new contact. Only a name or an e-mail address is required; every value is validated by the field
 * catalogue on create (a bad value is a validation error naming the field).
 *
 * @param customFields values of custom fields by their catalogue name
 * @param ownerUserId the staff user who owns the record; empty means the creating user
 * @param phone a phone number as written; stored in E.164, a national number read in the address's country (or the
 *            configured default region)
 * @param birthday the birth date as written (ISO 8601, {@code 19800423}, or {@code --04-23} without a year);
 *            when given it is stored instead of {@code birthDate}
 * @param otherEmails e-mail addresses beyond the main one, one per line, each perhaps after a label and {@code ": "}
 * @param otherPhones phone numbers beyond phone and mobile, one per line
 * @param otherAddresses addresses beyond the main one, one per line
 * @since 1.2 birthday, jobTitle and the other* fields
 */
public record ContactDraft(String firstName, String lastName, String email, String phone, String mobile,
        PostalAddress address, LocalDate birthDate, String language, String notes, Map<String, String> customFields,
        String companyId, Set<String> tags, String ownerUserId, String birthday, String jobTitle, String otherEmails,
        String otherPhones, String otherAddresses) {

    public ContactDraft {
        address = address == null ? PostalAddress.EMPTY : address;
        customFields = Collections.unmodifiableMap(new LinkedHashMap<>(customFields == null ? Map.of() : customFields));
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        birthday = birthday == null || birthday.isBlank() ? birthDate == null ? null : birthDate.toString() : birthday;
    }

    /** A draft of API 1.1: no job title, no other values, the birthday is the birth date. */
    public ContactDraft(String firstName, String lastName, String email, String phone, String mobile,
            PostalAddress address, LocalDate birthDate, String language, String notes, Map<String, String> customFields,
            String companyId, Set<String> tags, String ownerUserId) {
        this(firstName, lastName, email, phone, mobile, address, birthDate, language, notes, customFields, companyId,
                tags, ownerUserId, null, null, null, null, null);
    }

    /** A draft with a name and an e-mail address only. */
    public static ContactDraft of(String firstName, String lastName, String email) {
        return new ContactDraft(firstName, lastName, email, null, null, null, null, null, null, null, null, null, null);
    }
}
