package org.steward.tickets.internal;

import java.util.Locale;

import org.osgi.service.log.Logger;

/** A two-valued policy attribute of the configuration; an unknown value keeps the safe first one. */
final class PolicyChoice {

    private PolicyChoice() {
    }

    /** Whether the attribute has its second value. */
    static boolean second(Logger logger, String attribute, String value, String first, String second) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (!v.equals(first) && !v.equals(second)) {
            logger.error("Tickets configuration: {} must be '{}' or '{}'; '{}' is used", attribute, first, second,
                    first);
        }
        return v.equals(second);
    }

    static boolean eraseDeletes(Logger logger, TicketsConfiguration config) {
        return second(logger, "erasure", config.erasure(), "anonymise", "delete");
    }

    static boolean retentionRecycles(Logger logger, TicketsConfiguration config) {
        return second(logger, "closedAction", config.closedAction(), "anonymise", "recycle");
    }
}
