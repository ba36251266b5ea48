package org.steward.persistence.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Steward database", description = "The database every Steward module stores its data in. "
        + "Leave the JDBC URL empty for the embedded Derby database in the data directory, which needs no setup.")
public @interface PersistenceConfiguration {

    String PID = "org.steward.persistence";

    @AttributeDefinition(name = "JDBC URL", required = false, description = "Empty for embedded Derby under "
            + "<steward.data.dir>/db. Otherwise the URL of a Derby network server or a PostgreSQL database, "
            + "e.g. jdbc:postgresql://db.example.com/steward; the driver bundle must be installed.")
    String jdbcUrl() default "";

    @AttributeDefinition(name = "User", required = false, description = "Database user; empty for embedded Derby.")
    String user() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false,
            description = "Database password; never logged. The leading '.' keeps it out of the service properties.")
    String _password() default "";

    @AttributeDefinition(name = "Login timeout (seconds)", min = "1", max = "300",
            description = "How long to wait for the database before giving up with a clear error.")
    int loginTimeoutSeconds() default 10;
}
