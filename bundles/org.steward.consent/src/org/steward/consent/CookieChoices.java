package org.steward.consent;

/**
 * A person's cookie preferences. Strictly necessary cookies need no consent and are always on; every other category
 * is off until the person switches it on (nothing pre-ticked).
 */
public record CookieChoices(boolean preferences, boolean statistics, boolean marketing) {

    /** Nothing but the necessary cookies: the state before any choice. */
    public static final CookieChoices NONE = new CookieChoices(false, false, false);

    /** Strictly necessary cookies are always on. */
    public boolean necessary() {
        return true;
    }
}
