package org.steward.contacts;

/** How a record came into Steward. */
public enum SourceType {
    /** A web form filled in by the person: form name, IP address, user agent, time. */
    WEB_FORM,
    /** A file import: file name, line, importing user. */
    IMPORT,
    /** Typed in by a staff user. */
    MANUAL,
    /** Created through the API by a client application. */
    API,
    /** Delivered by an integration (another system). */
    INTEGRATION,
    /** Created by the helpdesk from a message of an unknown sender. */
    HELPDESK
}
