package org.steward.api;

/**
 * The names a capability uses to contribute REST resources to Steward's API (DESIGN.md rules 12 and 13). A resource
 * is a DS component registered as a Jakarta RESTful Web Services Whiteboard resource that selects this application,
 * so its paths come and go with its bundle:
 *
 * <pre>
 * &#64;Component(service = ContactsResource.class, property = { StewardApi.RESOURCE, StewardApi.SELECT_APPLICATION,
 *         StewardApi.SELECT_JSON })
 * &#64;Path("contacts")
 * public final class ContactsResource { ... }
 * </pre>
 */
public final class StewardApi {

    private StewardApi() {
    }

    /** The whiteboard name of the application every Steward resource belongs to. */
    public static final String APPLICATION = "steward";

    /** Where the application is served: every path is {@code /api/v1/<module>/...}. */
    public static final String BASE_PATH = "/api/v1";

    /** The whiteboard name of the JSON extension (Jackson configured for Steward). */
    public static final String JSON = "steward.json";

    /** Component property: this service is a whiteboard resource. */
    public static final String RESOURCE = "osgi.jakartars.resource=true";

    /** Component property: the resource or extension belongs to Steward's application. */
    public static final String SELECT_APPLICATION = "osgi.jakartars.application.select=(osgi.jakartars.name="
            + APPLICATION + ")";

    /** Component property: the resource is served only while the JSON extension is there. */
    public static final String SELECT_JSON = "osgi.jakartars.extension.select=(osgi.jakartars.name=" + JSON + ")";

    /** The media type of error documents (RFC 9457). */
    public static final String PROBLEM_JSON = "application/problem+json";

    /** The request header a client sends so that a retried create makes one record. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
}
