package org.steward.rights.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Steward data-subject rights", description = "The register of data-subject requests "
        + "and the orchestration of access, portability, rectification, restriction and erasure over every module.")
public @interface RightsConfiguration {

    String PID = "org.steward.rights";

    @AttributeDefinition(name = "Export folder", description = "The folder below the data directory "
            + "(steward.data.dir) where export packages given with a relative file name are written. Every export "
            + "package is tracked, so that erasing the person deletes it.")
    String exportFolder() default "exports";

    @AttributeDefinition(name = "Resume delay (seconds)", min = "0", max = "3600", description = "How long after the "
            + "module starts unfinished erasures are resumed, so that the modules' personal-data providers are "
            + "registered first. An erasure also resumes whenever a provider it waits for is registered.")
    int resumeDelaySeconds() default 2;

    @AttributeDefinition(name = "Audit page size", min = "10", max = "1000", description = "How many audit entries "
            + "about the person are read at a time for an export.")
    int auditPageSize() default 1000;
}
