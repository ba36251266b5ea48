package org.steward.contacts.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The e-mails, phones and addresses of one record, however many the file holds: the preferred one (or the first) of
 * each goes to the main field, the others to {@code otherEmails}, {@code otherPhones}, {@code otherAddresses}, one per
 * line, each with its label ({@code work: ...}) when the file named one. CSV layouts and vCards both read through
 * here, so a file's second e-mail lands in the same place whichever format it came in, and the export reads the
 * stored lines back with {@link #lines} and {@link #split}.
 */
final class ValueGroups {

    /** The address parts in the order of an {@code otherAddresses} line (after the street). */
    static final List<String> ADDRESS_PARTS = List.of("address.street", "address.postalCode", "address.city",
            "address.region", "address.country");
    /** No preference given: after every value that has one. */
    static final int NONE = Integer.MAX_VALUE;

    private enum Kind { EMAIL, PHONE, MOBILE, ADDRESS }

    /** One value; for an address, {@code parts} holds the parts by field name (and the street may hold lines). */
    private record Item(Kind kind, String label, int preference, Map<String, String> parts) {
    }

    private final List<Item> items = new ArrayList<>();

    void email(String label, String value, int preference) {
        if (!blank(value)) {
            items.add(new Item(Kind.EMAIL, label(label), preference, Map.of("email", value.strip())));
        }
    }

    /** A phone; one labelled mobile or cell (or said to be one by the file) goes to {@code mobile}. */
    void phone(String label, String value, boolean mobile, int preference) {
        if (!blank(value)) {
            String l = label(label);
            boolean cell = mobile || "mobile".equals(l) || "cell".equals(l) || "cellular".equals(l);
            items.add(new Item(cell ? Kind.MOBILE : Kind.PHONE, cell && l == null ? "mobile" : l, preference,
                    Map.of("phone", value.strip())));
        }
    }

    /** An address by part ({@code address.street}, ...); {@code formatted} is used only when every part is empty. */
    void address(String label, Map<String, String> parts, String formatted, int preference) {
        Map<String, String> present = new LinkedHashMap<>();
        for (String p : ADDRESS_PARTS) {
            String v = parts.get(p);
            if (!blank(v)) {
                present.put(p, v.strip());
            }
        }
        if (present.isEmpty() && !blank(formatted)) {
            present.put("address.street", formatted.strip());
        }
        if (!present.isEmpty()) {
            items.add(new Item(Kind.ADDRESS, label(label), preference, present));
        }
    }

    /** Puts the main values into their fields and the others, one per line, into the other* fields. */
    void into(Map<String, String> row) {
        List<String> otherPhones = new ArrayList<>();
        main(Kind.EMAIL, row, MultiValues.EMAILS, null);
        main(Kind.PHONE, row, null, otherPhones);
        main(Kind.MOBILE, row, null, otherPhones);
        if (!otherPhones.isEmpty()) {
            row.merge(MultiValues.PHONES, String.join("\n", otherPhones), (a, b) -> a + "\n" + b);
        }
        main(Kind.ADDRESS, row, MultiValues.ADDRESSES, null);
    }

    private void main(Kind kind, Map<String, String> row, String otherField, List<String> collect) {
        Item main = null;
        for (Item i : items) {
            if (i.kind == kind && (main == null || i.preference < main.preference)) {
                main = i;
            }
        }
        if (main == null) {
            return;
        }
        List<String> others = collect == null ? new ArrayList<>() : collect;
        for (Item i : items) {
            if (i.kind != kind) {
                continue;
            }
            if (i == main) {
                switch (kind) {
                    case EMAIL -> row.putIfAbsent("email", i.parts.get("email"));
                    case PHONE -> row.putIfAbsent("phone", i.parts.get("phone"));
                    case MOBILE -> row.putIfAbsent("mobile", i.parts.get("phone"));
                    case ADDRESS -> i.parts.forEach(row::putIfAbsent);
                }
            } else {
                others.add(line(i));
            }
        }
        if (otherField != null && !others.isEmpty()) {
            row.merge(otherField, String.join("\n", others), (a, b) -> a + "\n" + b);
        }
    }

    private static String line(Item i) {
        String value;
        if (i.kind == Kind.ADDRESS) {
            value = addressLine(i.parts);
        } else {
            value = i.parts.values().iterator().next();
        }
        return i.label == null ? value : i.label + ": " + value;
    }

    /** {@code street, postal code city, region, country}, the street's line breaks turned into {@code , }. */
    static String addressLine(Map<String, String> parts) {
        List<String> pieces = new ArrayList<>();
        String street = parts.get("address.street");
        if (!blank(street)) {
            pieces.add(String.join(", ", street.strip().split("\\s*(\\r\\n|\\r|\\n)\\s*")));
        }
        String place = ((parts.get("address.postalCode") == null ? "" : parts.get("address.postalCode")) + " "
                + (parts.get("address.city") == null ? "" : parts.get("address.city"))).strip();
        if (!place.isEmpty()) {
            pieces.add(place);
        }
        for (String p : List.of("address.region", "address.country")) {
            if (!blank(parts.get(p))) {
                pieces.add(parts.get(p).strip());
            }
        }
        return String.join(", ", pieces);
    }

    /**
     * A label as a line prefix: lower case, without the decorations files put around it (Google's {@code * } for
     * the primary value, Apple's {@code _$!<Work>!$_}); null when there is none or it would break the line format.
     */
    static String label(String label) {
        if (blank(label)) {
            return null;
        }
        String l = label.strip();
        if (l.startsWith("*")) {
            l = l.substring(1).strip();
        }
        if (l.startsWith("_$!<") && l.endsWith(">!$_")) {
            l = l.substring(4, l.length() - 4);
        }
        l = l.toLowerCase(Locale.ROOT).replaceAll("[:\\r\\n]", " ").strip();
        return l.isEmpty() ? null : l;
    }

    /** Google marks the primary value's label with a leading {@code *}. */
    static boolean primaryMark(String label) {
        return label != null && label.strip().startsWith("*");
    }

    /** The lines of a stored other* field. */
    static List<String> lines(String stored) {
        List<String> lines = new ArrayList<>();
        if (stored != null) {
            for (String l : stored.split("\\r?\\n")) {
                if (!l.isBlank()) {
                    lines.add(l.strip());
                }
            }
        }
        return lines;
    }

    /** A stored line split into its label (null when none) and value. */
    static String[] split(String line) {
        int colon = line.indexOf(": ");
        // a label is one or two plain words; an address line's first comma comes after it
        if (colon > 0 && line.substring(0, colon).matches("[\\p{L} ]{1,30}")) {
            return new String[] { line.substring(0, colon), line.substring(colon + 2) };
        }
        return new String[] { null, line };
    }

    private static boolean blank(String v) {
        return v == null || v.isBlank();
    }
}
