package org.steward.contacts.internal;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.mangstadt.vinnie.VObjectParameters;
import com.github.mangstadt.vinnie.VObjectProperty;
import com.github.mangstadt.vinnie.io.Context;
import com.github.mangstadt.vinnie.io.SyntaxRules;
import com.github.mangstadt.vinnie.io.VObjectDataAdapter;
import com.github.mangstadt.vinnie.io.VObjectReader;

/**
 * vCard 2.1, 3.0 and 4.0 through vinnie, the vObject layer of ez-vcard. ez-vcard's own {@code VCard} class cannot be
 * loaded in OSGi without FreeMarker (its HTML writer's exception is part of the class), which the target platform does
 * not hold; vinnie handles folding, parameters, 2.1's bare parameters, QUOTED-PRINTABLE and CHARSET, and the few
 * properties a contact needs are mapped here (vCard 2.1 of the Internet Mail Consortium, RFC 2426, RFC 6350). Several
 * EMAIL, TEL and ADR go through {@link ValueGroups}: the preferred one (TYPE=pref, PREF=1, 2.1's bare PREF) or the
 * first to the main field, the others to the other* fields, labelled by their TYPE or by Apple's
 * {@code itemN.X-ABLabel} of the same group.
 */
final class VCards {

    /** The fields a vCard may fill. */
    static final List<String> FIELDS = List.of("firstName", "lastName", "email", "phone", "mobile", "address.street",
            "address.postalCode", "address.city", "address.region", "address.country", "birthDate", "language",
            "notes", "tags", "jobTitle", MultiValues.EMAILS, MultiValues.PHONES,
            MultiValues.ADDRESSES);
    private static final Pattern VERSION = Pattern.compile("(?im)^VERSION:\\s*([0-9.]+)");
    /** TYPE values that say what a value is rather than whose: not labels. */
    private static final Set<String> NOT_LABELS = Set.of("internet", "x400", "pref", "voice", "cell", "mobile",
            "iphone", "msg", "text", "main", "postal", "parcel", "dom", "intl", "encoding", "charset",
            "quoted-printable", "utf-8", "type", "value", "uri");

    private VCards() {
    }

    /** {@code vCard 2.1}, {@code vCard 3.0} or {@code vCard 4.0}, by the VERSION property (3.0 when it lacks one). */
    static String layout(String text) {
        Matcher m = VERSION.matcher(text == null ? "" : text);
        return "vCard " + (m.find() ? m.group(1) : "3.0");
    }

    /** One EMAIL, TEL or ADR as read, labelled at the end (an X-ABLabel may follow its property). */
    private record Value(String name, String group, VObjectParameters parameters, String value) {
    }

    /** RAW values by field name of one vCard's text. */
    static Map<String, String> parse(String text) throws RowParser.Refused {
        Map<String, String> row = new LinkedHashMap<>();
        String[] formatted = new String[1];
        boolean[] seen = new boolean[1];
        List<Value> values = new ArrayList<>();
        Map<String, String> groupLabels = new LinkedHashMap<>();
        try (VObjectReader reader = new VObjectReader(new StringReader(text), SyntaxRules.vcard())) {
            // 2.1 files without CHARSET are UTF-8 in practice (Android, iPhone); the JVM's default must not decide
            reader.setDefaultQuotedPrintableCharset(StandardCharsets.UTF_8);
            reader.parse(new VObjectDataAdapter() {
                @Override
                public void onComponentBegin(String name, Context context) {
                    seen[0] |= "VCARD".equalsIgnoreCase(name);
                }

                @Override
                public void onProperty(VObjectProperty property, Context context) {
                    String name = property.getName().toUpperCase(Locale.ROOT);
                    switch (name) {
                        case "EMAIL", "TEL", "ADR" -> values.add(new Value(name, group(property),
                                property.getParameters(), property.getValue()));
                        case "X-ABLABEL" -> groupLabels.put(group(property), unescape(property.getValue()));
                        default -> map(property, row, formatted);
                    }
                }
            });
        } catch (IOException | RuntimeException e) {
            throw new RowParser.Refused("is not a readable vCard");
        }
        if (!seen[0]) {
            throw new RowParser.Refused("is not a readable vCard");
        }
        ValueGroups groups = new ValueGroups();
        for (Value v : values) {
            add(groups, v, v.group == null ? null : groupLabels.get(v.group));
        }
        groups.into(row);
        if (!row.containsKey("firstName") && !row.containsKey("lastName") && formatted[0] != null) {
            String fn = formatted[0].strip();
            int space = fn.lastIndexOf(' ');
            put(row, "firstName", space > 0 ? fn.substring(0, space) : null);
            put(row, "lastName", space > 0 ? fn.substring(space + 1) : fn);
        }
        return row;
    }

    private static String group(VObjectProperty p) {
        return p.getGroup() == null ? null : p.getGroup().toLowerCase(Locale.ROOT);
    }

    private static void add(ValueGroups groups, Value v, String groupLabel) {
        Set<String> types = types(v.parameters);
        String label = groupLabel != null ? groupLabel
                : types.stream().filter(t -> !NOT_LABELS.contains(t) && !t.startsWith("x-")).findFirst().orElse(null);
        int preference = preference(v.parameters, types);
        switch (v.name) {
            case "EMAIL" -> groups.email(label, unescape(v.value), preference);
            case "TEL" -> {
                String number = unescape(v.value).strip();
                if (number.regionMatches(true, 0, "tel:", 0, 4)) {
                    number = number.substring(4);
                }
                boolean mobile = types.contains("cell") || types.contains("mobile") || types.contains("iphone");
                groups.phone(label, number, mobile, preference);
            }
            default -> {
                List<String> parts = structured(v.value);
                Map<String, String> address = new LinkedHashMap<>();
                String street = lines(parts, 2);
                String extended = lines(parts, 1);
                address.put("address.street", street == null ? extended
                        : extended == null ? street : street + "\n" + extended);
                address.put("address.city", part(parts, 3));
                address.put("address.region", part(parts, 4));
                address.put("address.postalCode", part(parts, 5));
                address.put("address.country", part(parts, 6));
                groups.address(label, address, null, preference);
            }
        }
    }

    /** PREF=n (4.0: 1 is the most preferred), TYPE=pref (3.0) or a bare PREF (2.1); none: after those that have. */
    private static int preference(VObjectParameters parameters, Set<String> types) {
        String pref = parameters.first("PREF");
        if (pref != null && pref.strip().matches("\\d{1,3}")) {
            return Integer.parseInt(pref.strip());
        }
        return types.contains("pref") ? 1 : ValueGroups.NONE;
    }

    private static void map(VObjectProperty p, Map<String, String> row, String[] formatted) {
        String name = p.getName().toUpperCase(Locale.ROOT);
        String value = p.getValue();
        switch (name) {
            case "N" -> {
                List<String> parts = structured(value);
                put(row, "lastName", part(parts, 0));
                String given = part(parts, 1);
                String additional = part(parts, 2);
                put(row, "firstName", additional == null ? given : given == null ? additional
                        : given + " " + additional);
            }
            case "FN" -> formatted[0] = unescape(value);
            case "ORG" -> put(row, "company", part(structured(value), 0));
            case "TITLE" -> put(row, "jobTitle", unescape(value).strip());
            case "BDAY" -> put(row, "birthDate", date(unescape(value).strip(), p.getParameters()));
            case "NOTE" -> row.putIfAbsent("notes", unescape(value));
            case "LANG" -> row.putIfAbsent("language", unescape(value).strip());
            case "CATEGORIES" -> row.merge("tags", String.join(",", list(value)), (a, b) -> a + "," + b);
            default -> {
                // other properties are not contact fields
            }
        }
    }

    /** TYPE values and 2.1's bare parameters, lower case. */
    private static Set<String> types(VObjectParameters parameters) {
        Set<String> types = new java.util.LinkedHashSet<>();
        for (Map.Entry<String, List<String>> e : parameters) {
            String key = e.getKey() == null ? null : e.getKey().toUpperCase(Locale.ROOT);
            if (key != null && !"TYPE".equals(key)) {
                if ("PREF".equals(key)) {
                    types.add("pref");
                }
                continue;
            }
            for (String v : e.getValue()) {
                for (String t : v.split(",")) {
                    if (!t.isBlank()) {
                        types.add(t.strip().toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return types;
    }

    /**
     * A vCard date as text: 1985-06-15, 19850615 and a date-time as ISO dates; a year-less one (--0423, --04-23,
     * Apple's 1604-04-23 with X-APPLE-OMIT-YEAR=1604) as {@code --MM-DD}. Anything else stays as written, for the
     * date normalisation to read or report.
     */
    private static String date(String text, VObjectParameters parameters) {
        String omitYear = parameters.first("X-APPLE-OMIT-YEAR");
        if (omitYear != null && text.startsWith(omitYear.strip() + "-") && text.length() >= 10) {
            return "--" + text.substring(5, 10);
        }
        if (text.matches("--\\d{2}-?\\d{2}")) {
            String digits = text.substring(2).replace("-", "");
            return "--" + digits.substring(0, 2) + "-" + digits.substring(2);
        }
        String day = text.length() > 10 && text.charAt(10) == 'T' ? text.substring(0, 10)
                : text.length() > 8 && text.charAt(8) == 'T' ? text.substring(0, 8) : text;
        try {
            return LocalDate.parse(day).toString();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(day, DateTimeFormatter.BASIC_ISO_DATE).toString();
            } catch (DateTimeParseException notADate) {
                return text;
            }
        }
    }

    /** A structured component that may list several values (4.0 street lines): one per line. */
    private static String lines(List<String> parts, int i) {
        if (i >= parts.size() || parts.get(i).isBlank()) {
            return null;
        }
        List<String> items = new ArrayList<>();
        for (String item : parts.get(i).split("(?<!\\\\),")) {
            String v = unescape(item).strip();
            if (!v.isEmpty()) {
                items.add(v);
            }
        }
        return items.isEmpty() ? null : String.join("\n", items);
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
}
