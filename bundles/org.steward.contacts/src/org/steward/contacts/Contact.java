package org.steward.contacts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.steward.core.PersonId;

/**
 * A contact as the acting principal may see it: fields the actor may not read are {@code null} (or empty) and named
 * in {@code hiddenFields}.
 *
 * @param person the data subject's id, shared by every module that holds data about the person
 * @param restricted whether processing is restricted (Art. 18): only storage and rights handling are allowed
 * @param sources every source the record had, oldest first, kept through merges
 * @param lawfulBases the lawful basis per purpose
 * @param phone the main phone number in E.164 (with {@code ;ext=} and the extension); numbers stored before API 1.3
 *            may be in the form they were typed
 * @param birthDate the birth date when its year is known, else null
 * @param birthday the stored birth date: ISO 8601 ({@code 1980-04-23}) or, without a year, {@code --04-23}
 * @param otherEmails the e-mail addresses beyond the main one, one per line, each perhaps after a label and
 *            {@code ": "} ({@code work: })
 * @param otherPhones the phone numbers beyond phone and mobile, one per line (E.164), each perhaps labelled
 * @param otherAddresses the addresses beyond the main one, one per line ({@code street, postal code city, region,
 *            country}), each perhaps labelled
 * @since 1.2 birthday, jobTitle and the other* fields
 */
public record Contact(ContactId id, PersonId person, String firstName, String lastName, String email, String phone,
        String mobile, PostalAddress address, LocalDate birthDate, String language, String notes,
        Map<String, String> customFields, String companyId, Set<String> tags, String ownerUserId, boolean restricted,
        List<DataSource> sources, List<PurposeBasis> lawfulBases, Instant createdAt, Instant updatedAt,
        Set<String> hiddenFields, String birthday, String jobTitle, String otherEmails, String otherPhones,
        String otherAddresses) {

    public Contact {
        customFields = Collections.unmodifiableMap(new LinkedHashMap<>(customFields == null ? Map.of() : customFields));
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        sources = sources == null ? List.of() : List.copyOf(sources);
        lawfulBases = lawfulBases == null ? List.of() : List.copyOf(lawfulBases);
        hiddenFields = hiddenFields == null ? Set.of() : Set.copyOf(hiddenFields);
        address = address == null ? PostalAddress.EMPTY : address;
        birthday = birthday == null && birthDate != null ? birthDate.toString() : birthday;
    }

    /** A contact of API 1.1: its birthday is its birth date, it has no job title and no other values. */
    public Contact(ContactId id, PersonId person, String firstName, String lastName, String email, String phone,
            String mobile, PostalAddress address, LocalDate birthDate, String language, String notes,
            Map<String, String> customFields, String companyId, Set<String> tags, String ownerUserId,
            boolean restricted, List<DataSource> sources, List<PurposeBasis> lawfulBases, Instant createdAt,
            Instant updatedAt, Set<String> hiddenFields) {
        this(id, person, firstName, lastName, email, phone, mobile, address, birthDate, language, notes, customFields,
                companyId, tags, ownerUserId, restricted, sources, lawfulBases, createdAt, updatedAt, hiddenFields, null,
                null, null, null, null);
    }

    /** First and last name for display; the e-mail address when both are empty. */
    public String displayName() {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        return name.isEmpty() && email != null ? email : name;
    }
}
