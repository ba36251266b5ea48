package org.steward.breaches.internal;

/** Keeps refusal reasons short enough for the notice table. */
public final class PersonNoticeReasons {

    private PersonNoticeReasons() {
    }

    public static String shorten(String reason) {
        String r = reason == null ? "refused" : reason.strip();
        return r.length() <= 500 ? r : r.substring(0, 499) + "…";
    }
}
