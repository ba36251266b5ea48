package org.steward.server.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Steward administration endpoint", description = "A loopback socket through which "
        + "bin/steward-admin runs one console command against the running server. Callers prove they may act by "
        + "presenting the token written to <data dir>/run/admin.token, readable only by the server's user.")
public @interface AdminConfiguration {

    String PID = "org.steward.server.admin";

    @AttributeDefinition(name = "Port", min = "0", max = "65535",
            description = "TCP port on the loopback interface; 0 picks a free port. The port in use is written to "
                    + "<data dir>/run/admin.port.")
    int port() default 0;

    @AttributeDefinition(name = "Wait for readiness (seconds)", min = "0",
            description = "How long a command that is not known yet waits while the server is still starting (its "
                    + "module may not have registered it yet) before it fails with 'Command not found'.")
    int readyWaitSeconds() default 60;
}
