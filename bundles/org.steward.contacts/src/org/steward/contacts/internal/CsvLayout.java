package org.steward.contacts.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One recognised CSV layout (Google Contacts, Outlook, ...) as data: its headers, what each holds, and the few
 * headers that tell it apart from the others. The same table reads an import and writes an export, so the two cannot
 * drift apart. The tables are in {@link CsvLayouts}.
 */
final class CsvLayout {

    /** How a column's value reaches the row. */
    enum Kind {
        /** Into the field; several columns of one field are joined by a space (Middle Name after First Name). */
        FIELD,
        /** A further line of the field (Business Street 2). */
        LINE,
        /** A list into the field, its items separated by {@link Role#part} in the file (Google's {@code :::}). */
        LIST,
        /** Part of the e-mail in {@link Role#slot}: {@code value} or {@code label}. */
        EMAIL,
        /** Part of the phone in {@link Role#slot}: {@code value} or {@code label}. */
        PHONE,
        /** Part of the address in {@link Role#slot}: an address field, {@code formatted} or {@code label}. */
        ADDRESS
    }

    /**
     * What one column holds.
     *
     * @param field the field of FIELD, LINE and LIST
     * @param slot the number of the e-mail, phone or address in the file (1 first)
     * @param part see {@link Kind}
     * @param label the fixed label of an e-mail, phone or address column (Outlook's Home Phone: {@code home})
     * @param preferred whether the file means this value as the main one (Outlook's Primary Phone)
     */
    record Role(Kind kind, String field, int slot, String part, String label, boolean preferred) {

        /** The field a value of this column goes to first (an e-mail's second value may go to otherEmails). */
        String target() {
            return switch (kind) {
                case FIELD, LINE, LIST -> field;
                case EMAIL -> "email";
                case PHONE -> "mobile".equals(label) ? "mobile" : "phone";
                case ADDRESS -> part.startsWith("address.") ? part : "address.street";
            };
        }

        /** Every field a value of this column may fill. */
        List<String> fields() {
            return switch (kind) {
                case FIELD, LINE, LIST -> List.of(field);
                case EMAIL -> List.of("email", MultiValues.EMAILS);
                case PHONE -> List.of("phone", "mobile", MultiValues.PHONES);
                case ADDRESS -> {
                    List<String> all = new ArrayList<>(ValueGroups.ADDRESS_PARTS);
                    all.add(MultiValues.ADDRESSES);
                    yield all;
                }
            };
        }

        static Role field(String field) {
            return new Role(Kind.FIELD, field, 0, null, null, false);
        }
    }

    private final String name;
    private final Map<String, Role> byKey;
    private final Map<String, String> headers;
    private final Set<String> signature;

    private CsvLayout(String name, Map<String, Role> byKey, Map<String, String> headers, Set<String> signature) {
        this.name = name;
        this.byKey = byKey;
        this.headers = headers;
        this.signature = signature;
    }

    String name() {
        return name;
    }

    /** The role of a header of a file, or null when the layout does not know it. */
    Role role(String header) {
        return byKey.get(RowParser.key(header));
    }

    /**
     * How well a header line fits: the number of its headers this layout knows, or 0 when none of the layout's
     * distinctive headers is there (First Name and Email alone say nothing about the tool).
     */
    int score(List<String> fileHeaders) {
        int known = 0;
        boolean distinctive = false;
        for (String h : fileHeaders) {
            String k = RowParser.key(h);
            if (byKey.containsKey(k)) {
                known++;
            }
            distinctive |= signature.contains(k);
        }
        return distinctive ? known : 0;
    }

    /** Every header of the layout as the tool writes it, in its order, with its role: what an export writes. */
    Map<String, Role> columns() {
        Map<String, Role> columns = new LinkedHashMap<>();
        headers.forEach((k, written) -> columns.put(written, byKey.get(k)));
        return columns;
    }

    static Builder named(String name) {
        return new Builder(name);
    }

    /** Builds a layout table in the tool's column order. */
    static final class Builder {
        private final String name;
        private final Map<String, Role> byKey = new LinkedHashMap<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Set<String> signature = new LinkedHashSet<>();

        private Builder(String name) {
            this.name = name;
        }

        /** Headers that only this tool writes; at least one must be in a file for it to be recognised. */
        Builder signature(String... written) {
            for (String h : written) {
                signature.add(RowParser.key(h));
            }
            return this;
        }

        private Builder put(String written, Role role) {
            String k = RowParser.key(written);
            byKey.putIfAbsent(k, role);
            headers.putIfAbsent(k, written);
            return this;
        }

        /** Columns into a field; the first header is the one an export writes, the others are read as the same. */
        Builder field(String field, String... written) {
            for (String h : written) {
                put(h, Role.field(field));
            }
            return this;
        }

        Builder line(String field, String written) {
            return put(written, new Role(Kind.LINE, field, 0, null, null, false));
        }

        Builder list(String field, String separator, String written) {
            return put(written, new Role(Kind.LIST, field, 0, separator, null, false));
        }

        /** E-mail {@code slot}'s value column, with a fixed label (null for none). */
        Builder email(int slot, String label, String written) {
            return put(written, new Role(Kind.EMAIL, null, slot, "value", label, false));
        }

        /** Numbered e-mails 1..n with a label column each: patterns with {@code %d} for the number. */
        Builder emails(int n, String labelPattern, String valuePattern) {
            for (int i = 1; i <= n; i++) {
                put(String.format(labelPattern, i), new Role(Kind.EMAIL, null, i, "label", null, false));
                put(String.format(valuePattern, i), new Role(Kind.EMAIL, null, i, "value", null, false));
            }
            return this;
        }

        Builder phone(int slot, String label, boolean preferred, String written) {
            return put(written, new Role(Kind.PHONE, null, slot, "value", label, preferred));
        }

        Builder phones(int n, String labelPattern, String valuePattern) {
            for (int i = 1; i <= n; i++) {
                put(String.format(labelPattern, i), new Role(Kind.PHONE, null, i, "label", null, false));
                put(String.format(valuePattern, i), new Role(Kind.PHONE, null, i, "value", null, false));
            }
            return this;
        }

        /**
         * An address's columns: pairs of part and header, the part an address field, {@code formatted} or
         * {@code label}; a second {@code address.street} column is read as the street's next line.
         */
        Builder address(int slot, String label, String... partsAndHeaders) {
            for (int i = 0; i + 1 < partsAndHeaders.length; i += 2) {
                put(partsAndHeaders[i + 1], new Role(Kind.ADDRESS, null, slot, partsAndHeaders[i], label, false));
            }
            return this;
        }

        /** Numbered addresses 1..n: the same as {@link #address} with {@code %d} in each header. */
        Builder addresses(int n, String... partsAndPatterns) {
            for (int slot = 1; slot <= n; slot++) {
                String[] written = partsAndPatterns.clone();
                for (int i = 1; i < written.length; i += 2) {
                    written[i] = String.format(written[i], slot);
                }
                address(slot, null, written);
            }
            return this;
        }

        CsvLayout build() {
            return new CsvLayout(name, Map.copyOf(byKey), new LinkedHashMap<>(headers), Set.copyOf(signature));
        }
    }
}
