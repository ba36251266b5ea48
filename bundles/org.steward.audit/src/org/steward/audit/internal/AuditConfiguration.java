package org.steward.audit.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Steward audit log", description = "The append-only, hash-chained audit log.")
public @interface AuditConfiguration {

    String PID = "org.steward.audit";

    @AttributeDefinition(name = "Anchor interval (entries)", min = "1", description = "Every this many entries, and "
            + "when the module stops, the sequence number and hash of the last entry are appended to "
            + "<steward.data.dir>/audit/anchors, outside the database, so that a consistent rewrite of the whole "
            + "table is still detected by audit:verify. Keep that file with the backups.")
    int anchorInterval() default 1000;

    @AttributeDefinition(name = "Largest group commit", min = "1", max = "5000", description = "The writer commits "
            + "waiting entries together, up to this many in one transaction.")
    int maxBatch() default 500;

    @AttributeDefinition(name = "Queue capacity", min = "1", description = "How many entries may wait for the writer; "
            + "callers beyond it wait for room.")
    int queueCapacity() default 10000;

    @AttributeDefinition(name = "Verification page size", min = "10", max = "100000", description = "How many "
            + "entries verification reads at a time; memory use is proportional to it.")
    int verifyPageSize() default 2000;

    @AttributeDefinition(name = "Append timeout (seconds)", min = "1", description = "How long a caller waits for "
            + "its entry to be committed before it is told that the audit log is unavailable.")
    int appendTimeoutSeconds() default 60;
}
