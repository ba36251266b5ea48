package org.steward.contacts.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.github.mangstadt.vinnie.SyntaxStyle;
import com.github.mangstadt.vinnie.VObjectParameters;
import com.github.mangstadt.vinnie.VObjectProperty;
import com.github.mangstadt.vinnie.io.Context;
import com.github.mangstadt.vinnie.io.SyntaxRules;
import com.github.mangstadt.vinnie.io.VObjectDataAdapter;
import com.github.mangstadt.vinnie.io.VObjectReader;
import com.github.mangstadt.vinnie.io.VObjectWriter;

/**
 * vCard 3.0 and 4.0 through vinnie, the vObject layer of ez-vcard. ez-vcard's own {@code VCard} class cannot be loaded
 * in OSGi without FreeMarker (its HTML writer's exception is part of the class), which the target platform does not
 * hold; vinnie handles folding, parameters, quoted-printable and charsets, and the few properties a contact needs are
 * mapped here (RFC 2426, RFC 6350).
 */
final class VCards {

    private VCards() {
    }

    /** Values by field name of one vCard's text. */
    static Map<String, String> parse(String text) throws RowParser.Refused {
        Map<String, String> row = new LinkedHashMap<>();
        String[] formatted = new String[1];
        boolean[] seen = new boolean[1];
        try (VObjectReader reader = new VObjectReader(new StringReader(text), SyntaxRules.vcard())) {
            reader.parse(new VObjectDataAdapter() {
                @Override
                public void onComponentBegin(String name, Context context) {
                    seen[0] |= "VCARD".equalsIgnoreCase(name);
                }

                @Override
                public void onProperty(VObjectProperty property, Context context) {
                    map(property, row, formatted);
                }
            });
        } catch (IOException | RuntimeException e) {
            throw new RowParser.Refused("is not a readable vCard");
        }
        if (!seen[0]) {
            throw new RowParser.Refused("is not a readable vCard");
        }
        if (!row.containsKey("firstName") && !row.containsKey("lastName") && formatted[0] != null) {
            String fn = formatted[0].strip();
            int space = fn.lastIndexOf(' ');
            put(row, "firstName", space > 0 ? fn.substring(0, space) : null);
            put(row, "lastName", space > 0 ? fn.substring(space + 1) : fn);
        }
        return row;
    }

    private static void map(VObjectProperty p, Map<String, String> row, String[] formatted) {
        String name = p.getName().toUpperCase(Locale.ROOT);
        String value = p.getValue();
        switch (name) {
            case "N" -> {
                List<String> parts = structured(value);
                put(row, "lastName", part(parts, 0));
                put(row, "firstName", part(parts, 1));
            }
            case "FN" -> formatted[0] = unescape(value);
            case "EMAIL" -> row.putIfAbsent("email", unescape(value).strip());
            case "TEL" -> {
                String number = unescape(value).strip();
                if (number.regionMatches(true, 0, "tel:", 0, 4)) {
                    number = number.substring(4);
                }
                String field = types(p.getParameters()).contains("cell") ? "mobile" : "phone";
                if (!row.containsKey(field)) {
                    put(row, field, number);
                }
            }
            case "ADR" -> {
                if (!row.containsKey("address.street") && !row.containsKey("address.city")) {
                    List<String> parts = structured(value);
                    put(row, "address.street", part(parts, 2));
                    put(row, "address.city", part(parts, 3));
                    put(row, "address.region", part(parts, 4));
                    put(row, "address.postalCode", part(parts, 5));
                    put(row, "address.country", part(parts, 6));
                }
            }
            case "BDAY" -> put(row, "birthDate", date(unescape(value).strip()));
            case "NOTE" -> row.putIfAbsent("notes", unescape(value));
            case "LANG" -> row.putIfAbsent("language", unescape(value).strip());
            case "CATEGORIES" -> put(row, "tags", String.join(",", list(value)));
            default -> {
                // other properties are not contact fields
            }
        }
    }

    private static Set<String> types(VObjectParameters parameters) {
        Set<String> types = new java.util.HashSet<>();
        for (Map.Entry<String, List<String>> e : parameters) {
            for (String v : e.getValue()) {
                for (String t : v.split(",")) {
                    types.add(t.strip().toLowerCase(Locale.ROOT));
                }
            }
            if (e.getKey() != null) {
                types.add(e.getKey().toLowerCase(Locale.ROOT)); // vCard 2.1 bare parameters
            }
        }
        return types;
    }

    /** A vCard date (1985-06-15 or 19850615), as ISO text; what is no date is kept for validation to refuse. */
    private static String date(String text) {
        try {
            return LocalDate.parse(text).toString();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(text.length() > 8 ? text.substring(0, 8) : text,
                        DateTimeFormatter.BASIC_ISO_DATE).toString();
            } catch (DateTimeParseException notADate) {
                return text;
            }
        }
    }

    private static String part(List<String> parts, int i) {
        if (i >= parts.size()) {
            return null;
        }
        String first = parts.get(i).split("(?<!\\\\),")[0];
        return unescape(first);
    }

    /** Splits a structured value on ';' not preceded by a backslash. */
    private static List<String> structured(String value) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '\\' && i + 1 < value.length()) {
                current.append(ch).append(value.charAt(++i));
            } else if (ch == ';') {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(ch);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static List<String> list(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split("(?<!\\\\),")) {
            String v = unescape(item).strip();
            if (!v.isEmpty()) {
                items.add(v);
            }
        }
        return items;
    }

    static String unescape(String value) {
        if (value == null || value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                out.append(next == 'n' || next == 'N' ? '\n' : next);
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    static String escape(String value) {
        return value == null ? "" : value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\r\n", "\\n").replace("\n", "\\n");
    }

    private static void put(Map<String, String> row, String field, String value) {
        if (value != null && !value.isBlank()) {
            row.put(field, value);
        }
    }

    /** Writes vCards 4.0 with the chosen fields. */
    static final class Out implements AutoCloseable {
        private final VObjectWriter writer;

        Out(Writer out) {
            this.writer = new VObjectWriter(out, SyntaxStyle.NEW);
        }

        void write(String id, Map<String, String> v, Set<String> fields) throws IOException {
            writer.writeBeginComponent("VCARD");
            writer.writeVersion("4.0");
            String given = fields.contains("firstName") ? v.get("firstName") : null;
            String family = fields.contains("lastName") ? v.get("lastName") : null;
            writer.writeProperty("UID", "urn:uuid:" + id);
            String fn = ((given == null ? "" : given) + " " + (family == null ? "" : family)).strip();
            writer.writeProperty("FN", escape(fn.isEmpty() ? id : fn));
            writer.writeProperty("N", escape(family) + ";" + escape(given) + ";;;");
            if (fields.contains("email") && v.get("email") != null) {
                writer.writeProperty("EMAIL", v.get("email"));
            }
            tel(v, fields, "phone", "voice");
            tel(v, fields, "mobile", "cell");
            String[] address = { pick(fields, v, "address.street"), pick(fields, v, "address.city"),
                    pick(fields, v, "address.region"), pick(fields, v, "address.postalCode"),
                    pick(fields, v, "address.country") };
            if (java.util.Arrays.stream(address).anyMatch(a -> a != null)) {
                writer.writeProperty("ADR", ";;" + escape(address[0]) + ";" + escape(address[1]) + ";"
                        + escape(address[2]) + ";" + escape(address[3]) + ";" + escape(address[4]));
            }
            if (fields.contains("birthDate") && v.get("birthDate") != null) {
                writer.writeProperty("BDAY", v.get("birthDate"));
            }
            if (fields.contains("notes") && v.get("notes") != null) {
                writer.writeProperty("NOTE", escape(v.get("notes")));
            }
            if (fields.contains("language") && v.get("language") != null) {
                writer.writeProperty("LANG", v.get("language"));
            }
            if (fields.contains("tags") && v.get("tags") != null) {
                writer.writeProperty("CATEGORIES", v.get("tags"));
            }
            writer.writeEndComponent("VCARD");
        }

        private void tel(Map<String, String> v, Set<String> fields, String field, String type) throws IOException {
            if (fields.contains(field) && v.get(field) != null) {
                VObjectParameters parameters = new VObjectParameters();
                parameters.put("TYPE", type);
                writer.writeProperty(null, "TEL", parameters, v.get(field));
            }
        }

        private static String pick(Set<String> fields, Map<String, String> v, String field) {
            return fields.contains(field) ? v.get(field) : null;
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }
    }
}
