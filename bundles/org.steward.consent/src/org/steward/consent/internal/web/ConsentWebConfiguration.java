package org.steward.consent.internal.web;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Steward consent web endpoints", description = "The pages behind the confirmation, "
        + "consent-request and unsubscribe links (HTTP Whiteboard); see docs/CONSENT.md.")
public @interface ConsentWebConfiguration {

    String PID = "org.steward.consent.web";

    @AttributeDefinition(name = "Context path", description = "Path under which /confirm, /accept and /unsubscribe "
            + "are served; must match the link addresses of PID org.steward.consent.")
    String contextPath() default "/consent";

    @AttributeDefinition(name = "Requests per minute and address", min = "0", max = "100000", description = "Link "
            + "requests one client address may make per minute before it gets 429; 0 turns the limit off.")
    int requestsPerMinute() default 30;

    @AttributeDefinition(name = "Trust X-Forwarded-For", description = "Take the client address recorded with the "
            + "proof from the last X-Forwarded-For entry. Only when a reverse proxy you run sets that header; "
            + "otherwise a client could write any address into the proof.")
    boolean trustForwardedFor() default false;
}
