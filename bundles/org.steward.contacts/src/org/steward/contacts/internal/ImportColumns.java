package org.steward.contacts.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.steward.contacts.ImportSummary;

/**
 * The columns of an import file and what became of their values, counted by slot (an index per field) so that a row
 * costs a map look-up and an array increment per value. Columns feeding the same field share its counts; a key the
 * pipeline does not know (a vCard property the reader passed on, a column not used) gets a slot of its own with no
 * field, and its values count as left out. Kept in the journal with every batch, so that a resumed import reports the
 * whole file.
 */
final class ImportColumns {

    /** What the pipeline does with the values of a key. */
    enum Kind {
        /** A field of the catalogue: normalised and stored. */
        FIELD,
        /** A company name: the contact is linked to the company of that name. */
        COMPANY,
        /** {@code basis.<purpose>}: a lawful basis as written. */
        BASIS,
        /** {@code basis.<purpose>.justification}. */
        JUSTIFICATION,
        /** {@code consent.<purpose>}: yes/no or a date. */
        CONSENT,
        /** {@code optOut.<purpose>}: the person objected, no basis is recorded for the purpose. */
        OPT_OUT,
        /** Not used: counted and left out. */
        UNUSED
    }

    /** One column of the header, and the field it is mapped to (null: not used). */
    record Column(int index, String header, String field) {
    }

    /** The counters of one field (or of one column not used). */
    static final class Slot {
        final int index;
        final String key;
        final Kind kind;
        final String field;
        /** The purpose of a basis, justification, consent or opt-out key. */
        final String purpose;
        final List<String> headers = new ArrayList<>(1);
        long values;
        long normalised;
        long leftOut;

        private Slot(int index, String key, Kind kind, String field, String purpose) {
            this.index = index;
            this.key = key;
            this.kind = kind;
            this.field = field;
            this.purpose = purpose;
        }
    }

    private static final String BASIS = "basis.";
    private static final String JUSTIFICATION = ".justification";
    private static final String CONSENT = "consent.";
    private static final String OPT_OUT = "optOut.";

    private final Map<String, Slot> byKey = new HashMap<>();
    private final List<Slot> slots = new ArrayList<>();
    /** Per purpose: bases recorded, of which consents, and opt-outs, in this order. */
    private final Map<String, long[]> purposes = new TreeMap<>();

    /** The columns of a CSV header; fields not null are already known to be usable (see {@link #kindOf}). */
    ImportColumns(List<Column> columns) {
        for (Column column : columns) {
            String key = column.field() == null ? unusedKey(column.index()) : column.field();
            slot(key, column.field() == null ? null : column.field()).headers.add(column.header());
        }
    }

    /** A vCard's "columns": the keys met, added as they come. */
    ImportColumns() {
    }

    /** The key under which the reader passes on the values of a column not used, to be counted. */
    static String unusedKey(int index) {
        return "\u0000column " + index;
    }

    /** Whether a field name is one the pipeline reads instead of storing (company, basis, consent, opt-out). */
    static boolean readByThePipeline(String field) {
        Kind kind = kindOf(field);
        return kind != Kind.FIELD && kind != Kind.UNUSED;
    }

    /** The kind of a field name; {@link Kind#FIELD} for every other name (the catalogue decides whether it is one). */
    static Kind kindOf(String field) {
        if (field.equals("company")) {
            return Kind.COMPANY;
        }
        if (field.startsWith(BASIS)) {
            return field.endsWith(JUSTIFICATION) ? Kind.JUSTIFICATION : Kind.BASIS;
        }
        if (field.startsWith(CONSENT)) {
            return Kind.CONSENT;
        }
        if (field.startsWith(OPT_OUT)) {
            return Kind.OPT_OUT;
        }
        return Kind.FIELD;
    }

    /** The purpose named by a basis, justification, consent or opt-out field, else null. */
    static String purposeOf(String field) {
        return switch (kindOf(field)) {
            case BASIS -> field.substring(BASIS.length());
            case JUSTIFICATION -> field.substring(BASIS.length(), field.length() - JUSTIFICATION.length());
            case CONSENT -> field.substring(CONSENT.length());
            case OPT_OUT -> field.substring(OPT_OUT.length());
            default -> null;
        };
    }

    /**
     * The slot of a key of a row, made on first sight (vCards; keys a reader passes on). A key that is no field of
     * the catalogue and none the pipeline reads is a column not used.
     */
    Slot slot(String key, Fields catalogue) {
        Slot slot = byKey.get(key);
        if (slot == null) {
            Kind kind = kindOf(key);
            boolean known = kind != Kind.FIELD || catalogue.field(key).isPresent();
            slot = slot(key, known ? key : null);
            slot.headers.add(key);
        }
        return slot;
    }

    private Slot slot(String key, String field) {
        return byKey.computeIfAbsent(key, k -> {
            Slot made = new Slot(slots.size(), k, field == null ? Kind.UNUSED : kindOf(field), field,
                    field == null ? null : purposeOf(field));
            slots.add(made);
            return made;
        });
    }

    /** The slot of a key if there is one. */
    Slot known(String key) {
        return byKey.get(key);
    }

    List<Slot> slots() {
        return slots;
    }

    /** Counts a basis recorded for a purpose ({@code consent}: on basis CONSENT). */
    void basisRecorded(String purpose, boolean consent) {
        long[] counts = purposes.computeIfAbsent(purpose, p -> new long[3]);
        counts[0]++;
        if (consent) {
            counts[1]++;
        }
    }

    void optedOut(String purpose) {
        purposes.computeIfAbsent(purpose, p -> new long[3])[2]++;
    }

    /** Per purpose: bases recorded, consents among them, opt-outs. */
    Map<String, long[]> purposes() {
        return purposes;
    }

    /** The counts of every column, in header order; columns sharing a field are named together ({@code A + B}). */
    List<ImportSummary.ColumnCount> counts() {
        List<ImportSummary.ColumnCount> counts = new ArrayList<>(slots.size());
        for (Slot s : slots) {
            counts.add(new ImportSummary.ColumnCount(String.join(" + ", s.headers), s.field, s.values, s.normalised,
                    s.field == null ? s.values : s.leftOut));
        }
        return counts;
    }

    // ============================================================================================== the journal

    /** The counts as text for the journal: one line per slot, then one per purpose. */
    String encode() {
        StringBuilder text = new StringBuilder(slots.size() * 48);
        for (Slot s : slots) {
            text.append("c\t").append(enc(String.join("\n", s.headers))).append('\t').append(enc(s.key))
                    .append('\t').append(s.field == null ? "" : enc(s.field)).append('\t').append(s.values)
                    .append('\t').append(s.normalised).append('\t').append(s.leftOut).append('\n');
        }
        purposes.forEach((p, n) -> text.append("p\t").append(enc(p)).append('\t').append(n[0]).append('\t')
                .append(n[1]).append('\t').append(n[2]).append('\n'));
        return text.toString();
    }

    /** Adds the counts of an earlier run of the same import (same file, same mapping) to these. */
    void restore(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String line : encoded.split("\n")) {
            String[] parts = line.split("\t", -1);
            if (parts[0].equals("c") && parts.length == 7) {
                String key = dec(parts[2]);
                Slot slot = byKey.get(key);
                if (slot == null) {
                    slot = slot(key, parts[3].isEmpty() ? null : dec(parts[3]));
                    for (String h : dec(parts[1]).split("\n")) {
                        slot.headers.add(h);
                    }
                }
                slot.values += Long.parseLong(parts[4]);
                slot.normalised += Long.parseLong(parts[5]);
                slot.leftOut += Long.parseLong(parts[6]);
            } else if (parts[0].equals("p") && parts.length == 5) {
                long[] counts = purposes.computeIfAbsent(dec(parts[1]), p -> new long[3]);
                for (int i = 0; i < 3; i++) {
                    counts[i] += Long.parseLong(parts[2 + i]);
                }
            }
        }
    }

    /** The counts from a journal's text alone (a completed or unfinished import, not being run). */
    static ImportColumns decode(String encoded) {
        ImportColumns columns = new ImportColumns();
        columns.restore(encoded);
        return columns;
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String dec(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** For the summary file: the counts per purpose as text. */
    static Map<String, String> describePurposes(Map<String, long[]> purposes) {
        Map<String, String> text = new LinkedHashMap<>();
        purposes.forEach((p, n) -> text.put(p, n[0] + " lawful bases recorded (" + n[1] + " consent), " + n[2]
                + " opted out"));
        return text;
    }
}
