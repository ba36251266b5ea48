package org.steward.permissions.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Steward permissions", description = "The access-decision service: roles, profiles, "
        + "record sharing and field-level access.")
public @interface PermissionsConfiguration {

    String PID = "org.steward.permissions";

    @AttributeDefinition(name = "Re-authentication window (minutes)", min = "1", max = "1440", description = "Revealing, "
            + "changing or exporting a sensitive or special-category field needs a password or second-factor check "
            + "within this many minutes; otherwise the user is asked to re-authenticate.")
    int reauthenticationMinutes() default 5;

    @AttributeDefinition(name = "Console is administrator", description = "Whether commands typed at the server "
            + "console (Gogo) may do everything, like Steward itself. Whoever reaches the console can already change "
            + "the installation; switch this off to make console users need an Administrator profile assignment for "
            + "their operating-system user name (user id console:<name>).")
    boolean consoleIsAdministrator() default true;

    @AttributeDefinition(name = "Reload interval (seconds)", min = "0", max = "86400", description = "Decisions are "
            + "answered from memory, rebuilt at once after every change made on this server. With several servers on "
            + "one database, each also reloads after this many seconds to pick up the others' changes; 0 never "
            + "reloads on time (one server).")
    int reloadSeconds() default 30;
}
