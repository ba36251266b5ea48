package org.steward.mail.internal;

import java.util.regex.Pattern;

/**
 * Keeps addresses out of what is stored as an error, logged and audited: servers quote the recipient in their
 * replies ("550 5.1.1 <anna@example.com>: user unknown").
 */
final class Redaction {

    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'(),;:\\[\\]]+@[^\\s<>\"'(),;:\\[\\]]+");
    private static final int MAX = 900;

    private Redaction() {
    }

    static String redact(String text, String... known) {
        if (text == null || text.isBlank()) {
            return "no reason given";
        }
        String result = text;
        for (String value : known) {
            if (value != null && !value.isBlank()) {
                result = result.replace(value, "<address>");
            }
        }
        result = ADDRESS.matcher(result).replaceAll("<address>").replaceAll("[\\r\\n\\t]+", " ").strip();
        return result.length() > MAX ? result.substring(0, MAX) + "..." : result;
    }

    /** The message of an exception and of its causes, redacted. */
    static String describe(Throwable error, String... known) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null && text.length() < MAX; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (text.length() > 0) {
                text.append(": ");
            }
            text.append(message == null || message.isBlank() ? t.getClass().getSimpleName() : message);
        }
        return redact(text.toString(), known);
    }
}
