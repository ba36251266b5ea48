package org.steward.mail.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.steward.core.ValidationException;
import org.steward.core.Violation;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** Checks addresses and extra headers of a mail before it is stored, and stores headers as text. */
final class MailHeaders {

    /** RFC 5322 field name: printable US-ASCII except the colon. */
    private static final Pattern NAME = Pattern.compile("[!-9;-~]{1,76}");
    private static final int MAX_VALUE = 2000;
    /** Headers the outbox and the transports write themselves. */
    private static final Set<String> RESERVED = Set.of("to", "cc", "bcc", "subject", "message-id", "date",
            "mime-version", "content-type", "content-transfer-encoding", "content-disposition", "received",
            "return-path");

    private MailHeaders() {
    }

    /** Refuses a malformed recipient, without repeating it. */
    static void requireAddress(String field, String address) {
        if (address == null || address.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        if (address.length() > 320 || address.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new ValidationException(field, "is not a valid e-mail address");
        }
        try {
            InternetAddress[] parsed = InternetAddress.parse(address, true);
            if (parsed.length != 1) {
                throw new ValidationException(field, "must be exactly one e-mail address");
            }
            parsed[0].validate();
            if (parsed[0].getAddress().indexOf('@') < 1) {
                throw new ValidationException(field, "is not a valid e-mail address");
            }
        } catch (AddressException e) {
            throw new ValidationException(field, "is not a valid e-mail address");
        }
    }

    /** Every violation of the extra headers, each naming its header. */
    static void validate(Map<String, String> headers) {
        List<Violation> violations = new ArrayList<>();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            String value = header.getValue();
            String shown = name == null ? "header" : "header " + name.replaceAll("[\\p{Cntrl}]", "?");
            if (name == null || !NAME.matcher(name).matches()) {
                violations.add(new Violation(shown, "is not a valid header name (printable ASCII without ':', "
                        + "line breaks or spaces, at most 76 characters)"));
                continue;
            }
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                violations.add(new Violation(shown, "is set by the outbox and cannot be given"));
                continue;
            }
            if (value == null) {
                violations.add(new Violation(shown, "has no value"));
            } else if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                violations.add(new Violation(shown, "contains a line break (header injection)"));
            } else if (value.chars().anyMatch(c -> c == 0 || (c < 0x20 && c != '\t'))) {
                violations.add(new Violation(shown, "contains a control character"));
            } else if (value.length() > MAX_VALUE) {
                violations.add(new Violation(shown, "is longer than " + MAX_VALUE + " characters"));
            } else if (name.equalsIgnoreCase("from") || name.equalsIgnoreCase("reply-to")
                    || name.equalsIgnoreCase("sender")) {
                try {
                    requireAddress(shown, value);
                } catch (ValidationException e) {
                    violations.addAll(e.violations());
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
    }

    /** One header a line, {@code name: value}; values hold no line break (validated). */
    static String encode(Map<String, String> headers) {
        StringBuilder text = new StringBuilder();
        headers.forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
        return text.toString();
    }

    static Map<String, String> decode(String text) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (text == null) {
            return headers;
        }
        for (String line : text.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                headers.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return headers;
    }

    /** The domain of an address, for Message-IDs. */
    static String domain(String address) {
        try {
            String plain = new InternetAddress(address, false).getAddress();
            int at = plain.lastIndexOf('@');
            String domain = at < 0 ? "" : plain.substring(at + 1).replaceAll("[^A-Za-z0-9.-]", "");
            return domain.isEmpty() ? "steward.invalid" : domain;
        } catch (AddressException e) {
            return "steward.invalid";
        }
    }
}
