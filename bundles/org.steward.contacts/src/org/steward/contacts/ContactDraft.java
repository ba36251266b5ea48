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
 */
public record ContactDraft(String firstName, String lastName, String email, String phone, String mobile,
        PostalAddress address, LocalDate birthDate, String language, String notes, Map<String, String> customFields,
        String companyId, Set<String> tags, String ownerUserId) {

    public ContactDraft {
        address = address == null ? PostalAddress.EMPTY : address;
        customFields = Collections.unmodifiableMap(new LinkedHashMap<>(customFields == null ? Map.of() : customFields));
        tags = tags == null ? Set.of() : Set.copyOf(tags);
    }

    /** A draft with a name and an e-mail address only. */
    public static ContactDraft of(String firstName, String lastName, String email) {
        return new ContactDraft(firstName, lastName, email, null, null, null, null, null, null, null, null, null, null);
    }
}
