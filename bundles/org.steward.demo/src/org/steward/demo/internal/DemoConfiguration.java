package org.steward.demo.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Steward demo data", description = "Realistic demo people for trying Steward out. "
        + "A production install leaves this bundle out, or sets 0.")
public @interface DemoConfiguration {

    String PID = "org.steward.demo";

    @AttributeDefinition(name = "Demo contacts on first start", min = "0", max = "10000", description = "When the "
            + "contacts module holds no contact at start, creates this many realistic demo people (Polish, Italian, "
            + "French, Chinese and English names, e-mail addresses at example.com). 0 (the default) creates none; the "
            + "server product sets 25 in deploy/org.steward.demo.cfg.")
    int contactsOnFirstStart() default 0;
}
