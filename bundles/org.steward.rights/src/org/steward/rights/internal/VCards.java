package org.steward.rights.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.steward.core.spi.ExportedRecord;

/**
 * The contact card (vCard 4.0, RFC 6350) from every exported record of type {@code contact}, by the field names of
 * the contacts catalogue ({@code firstName}, {@code lastName}, {@code email}, {@code phone}, {@code mobile},
 * {@code address.*}, {@code birthDate}, {@code language}). Written by hand: ez-vcard's {@code VCard} class needs
 * FreeMarker on the class path to load, which the target platform does not carry, and the format is small.
 */
final class VCards {

    /** The record type of a contact card, as the contacts module exports it. */
    static final String CONTACT = "contact";

    private static final String CRLF = "\r\n";

    private VCards() {
    }

    static Optional<byte[]> contactCard(List<ModuleData> modules) {
        List<ExportedRecord> contacts = modules.stream().flatMap(m -> m.records().stream())
                .filter(r -> r.type().equals(CONTACT)).toList();
        if (contacts.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        contacts.forEach(r -> card(out, Values.flatten(r.fields())));
        return Optional.of(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void card(StringBuilder out, Map<String, Object> fields) {
        String first = text(fields, "firstName");
        String last = text(fields, "lastName");
        String email = text(fields, "email");
        line(out, "BEGIN:VCARD");
        line(out, "VERSION:4.0");
        String formatted = (first + " " + last).trim();
        line(out, "FN:" + escape(formatted.isEmpty() ? email : formatted));
        line(out, "N:" + escape(last) + ";" + escape(first) + ";;;");
        if (!email.isEmpty()) {
            line(out, "EMAIL:" + escape(email));
        }
        String phone = text(fields, "phone");
        if (!phone.isEmpty()) {
            line(out, "TEL;TYPE=voice;VALUE=text:" + escape(phone));
        }
        String mobile = text(fields, "mobile");
        if (!mobile.isEmpty()) {
            line(out, "TEL;TYPE=cell;VALUE=text:" + escape(mobile));
        }
        List<String> address = new ArrayList<>();
        for (String part : List.of("street", "city", "region", "postalCode", "country")) {
            address.add(escape(text(fields, "address." + part)));
        }
        if (address.stream().anyMatch(p -> !p.isEmpty())) {
            // ADR: post office box; extended address; street; locality; region; postal code; country
            line(out, "ADR:;;" + String.join(";", address));
        }
        String birthDate = text(fields, "birthDate");
        if (!birthDate.isEmpty()) {
            line(out, (birthDate.matches("\\d{4}-\\d{2}-\\d{2}") ? "BDAY:" + birthDate.replace("-", "")
                    : "BDAY;VALUE=text:" + escape(birthDate)));
        }
        String language = text(fields, "language");
        if (!language.isEmpty()) {
            line(out, "LANG:" + escape(language));
        }
        line(out, "END:VCARD");
    }

    private static String text(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        return value == null ? "" : Values.text(value).strip();
    }

    /** RFC 6350 3.4: backslash, comma, semicolon and newline are escaped in text values. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\r\n", "\\n")
                .replace("\n", "\\n");
    }

    /** RFC 6350 3.2: lines longer than 75 octets are folded, never inside a UTF-8 sequence. */
    private static void line(StringBuilder out, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 75) {
            out.append(content).append(CRLF);
            return;
        }
        int octets = 0;
        int limit = 75;
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < content.length();) {
            int codePoint = content.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append(current).append(CRLF).append(' ');
                current.setLength(0);
                octets = 0;
                limit = 74; // the leading space of a continuation line counts
            }
            current.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        out.append(current).append(CRLF);
    }
}
