package org.steward.contacts;

import java.time.Instant;
import java.util.List;

import org.steward.core.PersonId;

/**
 * A prospective customer not yet qualified as a contact. Leads without activity age out (retention category
 * {@code leads-inactive}).
 *
 * @param convertedTo the contact the lead became, empty while it is a lead
 */
public record Lead(String id, PersonId person, String firstName, String lastName, String email, String companyName,
        String ownerUserId, List<DataSource> sources, Instant createdAt, Instant lastActivityAt, String convertedTo) {

    public Lead {
        sources = sources == null ? List.of() : List.copyOf(sources);
        convertedTo = convertedTo == null ? "" : convertedTo;
    }
}
