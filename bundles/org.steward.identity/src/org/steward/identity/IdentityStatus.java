package org.steward.identity;

import java.util.Map;

/**
 * The state of the identity module, for the console and for monitoring.
 *
 * @param database the JDBC URL of the database the module uses
 * @param users the number of users
 * @param activeSessions the number of sessions not yet ended or expired
 * @param settings the effective settings (attribute name to value), secrets excluded
 */
public record IdentityStatus(String database, long users, long activeSessions, Map<String, Object> settings) {

    public IdentityStatus {
        settings = Map.copyOf(settings);
    }
}
