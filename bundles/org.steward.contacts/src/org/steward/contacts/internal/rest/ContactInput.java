package org.steward.contacts.internal.rest;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import org.steward.contacts.ContactDraft;

/**
 * The body of a create: only a name or an e-mail address is required; the contacts service validates every value
 * and names the field it refuses. A field not listed here is refused by the JSON reader, naming it.
 */
public record ContactInput(String firstName, String lastName, String email, String phone, String mobile,
        ContactJson.Address address, LocalDate birthDate, String language, String notes,
        Map<String, String> customFields, String companyId, Set<String> tags, String ownerUserId) {

    ContactDraft draft() {
        return new ContactDraft(firstName, lastName, email, phone, mobile, address == null ? null
                : address.toPostal(), birthDate, language, notes, customFields, companyId, tags, ownerUserId);
    }
}
