package org.steward.contacts;

import java.time.Instant;

/** An organisation contacts work for. Its name and domain are not personal data. */
public record Company(String id, String name, String domain, String ownerUserId, Instant createdAt) {
}
