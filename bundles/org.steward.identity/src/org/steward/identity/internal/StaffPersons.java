package org.steward.identity.internal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.steward.core.PersonId;

/**
 * How a staff user is a data subject: the {@link PersonId} of a user is their user id, which the identity module
 * issues as a random UUID (the TOTP secret is encrypted under the data key of this person id). A user id that is not
 * a UUID (none is issued so, but the column allows it) maps to the name-based UUID (RFC 4122 version 3) of
 * {@code "steward-staff:" + id}, so the mapping is stable without a column of its own.
 */
final class StaffPersons {

    private static final String NAMESPACE = "steward-staff:";

    private StaffPersons() {
    }

    static PersonId of(String userId) {
        try {
            return new PersonId(UUID.fromString(userId));
        } catch (IllegalArgumentException notUuid) {
            return new PersonId(UUID.nameUUIDFromBytes((NAMESPACE + userId).getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Whether the user id is its own person id (a UUID in canonical form), so it can be looked up directly. */
    static boolean isUuid(String userId) {
        try {
            return UUID.fromString(userId).toString().equals(userId);
        } catch (IllegalArgumentException notUuid) {
            return false;
        }
    }
}
