package org.steward.tickets.internal;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.core.StewardException;
import org.steward.identity.User;
import org.steward.identity.UserDirectory;

/** Agents' names from the identity module; active only while that module runs. */
@Component(service = AgentNames.class)
public final class UserDirectoryAgentNames implements AgentNames {

    private final UserDirectory users;

    @Activate
    public UserDirectoryAgentNames(@Reference UserDirectory users) {
        this.users = users;
    }

    @Override
    public Optional<String> displayName(String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        try {
            User user = users.get(userId);
            return Optional.ofNullable(user == null ? null : user.displayName());
        } catch (StewardException e) {
            return Optional.empty(); // a console user, a removed agent
        }
    }
}
