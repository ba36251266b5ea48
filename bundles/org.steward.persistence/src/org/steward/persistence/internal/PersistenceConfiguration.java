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

    @AttributeDefinition(name = "Embedded page cache (pages)", min = "40", max = "1000000",
            description = "Pages the embedded Derby database keeps in memory: 4 KiB for indexes, up to 32 KiB for "
                    + "tables with long columns. Derby's own default of 1,000 pages (4 MiB of indexes) thrashes once "
                    + "the indexes of a large table outgrow it. Read when the database opens; ignored for a Derby "
                    + "network server or PostgreSQL, which size their caches themselves.")
    // chosen with ContactImportBenchmark at 1,000,000 contacts (docs/BENCHMARKS.md)
    int embeddedPageCachePages() default 8000;
}
