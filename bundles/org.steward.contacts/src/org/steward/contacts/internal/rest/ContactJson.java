package org.steward.contacts.internal.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.steward.contacts.Contact;
import org.steward.contacts.DataSource;
import org.steward.contacts.PostalAddress;

/**
 * A contact as the API shows it: the fields the caller may read, those it may not named in {@code hiddenFields}
 * (and absent), ids as strings, times in RFC 3339 UTC. Sources show kind, name and time; their details (a web form's
 * IP address and user agent) are not shown here.
 */
public record ContactJson(String id, String person, String firstName, String lastName, String email, String phone,
        String mobile, Address address, LocalDate birthDate, String language, String notes,
        Map<String, String> customFields, String companyId, Set<String> tags, String ownerUserId, boolean restricted,
        List<Source> sources, Instant createdAt, Instant updatedAt, Set<String> hiddenFields) {

    public record Address(String street, String postalCode, String city, String region, String country) {
        static Address of(PostalAddress a) {
            return a == null || a.isEmpty() ? null : new Address(blank(a.street()), blank(a.postalCode()),
                    blank(a.city()), blank(a.region()), blank(a.country()));
        }

        PostalAddress toPostal() {
            return new PostalAddress(street, postalCode, city, region, country);
        }
    }

    public record Source(String type, String name, Instant at) {
        static Source of(DataSource s) {
            return new Source(s.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), s.name(), s.at());
        }
    }

    static ContactJson of(Contact c) {
        return new ContactJson(c.id().value(), c.person().toString(), c.firstName(), c.lastName(), c.email(),
                c.phone(), c.mobile(), Address.of(c.address()), c.birthDate(), c.language(), c.notes(),
                c.customFields().isEmpty() ? null : c.customFields(), c.companyId(), c.tags().isEmpty() ? null
                        : c.tags(), c.ownerUserId(), c.restricted(), c.sources().stream().map(Source::of).toList(),
                c.createdAt(), c.updatedAt(), c.hiddenFields().isEmpty() ? null : c.hiddenFields());
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
