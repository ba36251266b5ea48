package org.steward.permissions.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.steward.core.Actor;
import org.steward.identity.UserDirectory;
import org.steward.permissions.DefaultProfiles;
import org.steward.permissions.PermissionAdministration;

/**
 * Bootstraps administration: while nobody holds the Administrator profile, the identity module's first administrator
 * gets it, so that the person who installed Steward can grant everything else. Only active with the identity module.
 */
@Component(immediate = true)
public final class FirstAdministratorProfile {

    static final String FIRST_ADMINISTRATOR_LOGIN = "admin";

    @Activate
    public FirstAdministratorProfile(@Reference PermissionAdministration administration, @Reference UserDirectory users,
            @Reference(service = LoggerFactory.class) Logger logger) {
        boolean administered = administration.assignments().stream()
                .anyMatch(a -> a.profile().filter(DefaultProfiles.ADMINISTRATOR::equals).isPresent());
        if (administered) {
            return;
        }
        users.find(FIRST_ADMINISTRATOR_LOGIN).ifPresent(admin -> {
            administration.assignProfile(Actor.system(), admin.id(), DefaultProfiles.ADMINISTRATOR);
            logger.info("Gave the first administrator the {} profile", DefaultProfiles.ADMINISTRATOR);
        });
    }
}
