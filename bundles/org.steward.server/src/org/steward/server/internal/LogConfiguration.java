package org.steward.server.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "Steward log file", description = "The log of every bundle, written to "
        + "<data dir>/logs/steward.log. Steward never logs personal values.")
public @interface LogConfiguration {

    String PID = "org.steward.server.log";

    @AttributeDefinition(name = "Level", description = "The lowest level written to the file.", options = {
            @Option(label = "Errors only", value = "ERROR"), @Option(label = "Warnings", value = "WARN"),
            @Option(label = "Information", value = "INFO"), @Option(label = "Debugging", value = "DEBUG") })
    String level() default "INFO";
}
