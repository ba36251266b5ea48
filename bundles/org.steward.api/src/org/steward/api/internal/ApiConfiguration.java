package org.steward.api.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the REST API, PID {@value #PID}. */
@ObjectClassDefinition(name = "Steward REST API", description = "The HTTPS API at /api/v1 (docs/API.md)")
public @interface ApiConfiguration {

    String PID = "org.steward.api";

    @AttributeDefinition(name = "Largest request body (KiB)", description = "A request whose body is larger is "
            + "refused with 413 before it is read; at least 1")
    int maxBodyKilobytes() default 1024;

    @AttributeDefinition(name = "Idempotency keys kept (hours)", description = "How long the answer to a POST with "
            + "an Idempotency-Key is replayed to a retry with the same key; at least 1")
    int idempotencyHours() default 24;

    @AttributeDefinition(name = "Idempotency keys kept (count)", description = "At most this many answers are kept "
            + "in memory for replay; the oldest are forgotten first")
    int idempotencyEntries() default 10000;
}
