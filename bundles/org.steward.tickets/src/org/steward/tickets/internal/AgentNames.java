package org.steward.tickets.internal;

import java.util.Optional;

/**
 * The display names of staff users, removed from the texts of a subject-access export. Provided by
 * {@link UserDirectoryAgentNames} only while the identity module runs: the tickets module imports the identity API
 * optionally and keeps every use of it behind this interface.
 */
public interface AgentNames {

    /** Empty for an unknown user id (a console user, a removed agent). */
    Optional<String> displayName(String userId);
}
