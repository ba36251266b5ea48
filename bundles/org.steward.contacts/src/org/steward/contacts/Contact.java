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
 */
public record Contact(ContactId id, PersonId person, String firstName, String lastName, String email, String phone,
        String mobile, PostalAddress address, LocalDate birthDate, String language, String notes,
        Map<String, String> customFields, String companyId, Set<String> tags, String ownerUserId, boolean restricted,
        List<DataSource> sources, List<PurposeBasis> lawfulBases, Instant createdAt, Instant updatedAt,
        Set<String> hiddenFields) {

    public Contact {
        customFields = Collections.unmodifiableMap(new LinkedHashMap<>(customFields == null ? Map.of() : customFields));
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        sources = sources == null ? List.of() : List.copyOf(sources);
        lawfulBases = lawfulBases == null ? List.of() : List.copyOf(lawfulBases);
        hiddenFields = hiddenFields == null ? Set.of() : Set.copyOf(hiddenFields);
        address = address == null ? PostalAddress.EMPTY : address;
    }

    /** First and last name for display; the e-mail address when both are empty. */
    public String displayName() {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        return name.isEmpty() && email != null ? email : name;
    }
}
