package org.steward.encryption.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Steward password hashing", description = "Argon2id parameters for new password hashes. "
        + "The defaults are the OWASP minimum (m=19 MiB, t=2, p=1); hashes made with lower parameters are replaced at "
        + "the next successful login.")
public @interface PasswordConfiguration {

    String PID = "org.steward.encryption.passwords";

    /** The OWASP ASVS 11.4.2 minimum memory, in KiB. */
    int MINIMUM_MEMORY_KIB = 19_456;

    @AttributeDefinition(name = "Memory (KiB)", min = "1024", max = "4194304",
            description = "Argon2id memory cost in KiB; at least 19456 (19 MiB) is recommended.")
    int memoryKiB() default MINIMUM_MEMORY_KIB;

    @AttributeDefinition(name = "Iterations", min = "1", max = "100", description = "Argon2id time cost.")
    int iterations() default 2;

    @AttributeDefinition(name = "Parallelism", min = "1", max = "64", description = "Argon2id lanes.")
    int parallelism() default 1;
}
