package org.steward.contacts.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.steward.contacts.DateOrder;
import org.steward.contacts.PurposeBasis;
import org.steward.core.Violation;

/**
 * One import row from its raw values (by field name, as the readers give them) to what is stored: the catalogue
 * fields normalised, the company name, the lawful bases, and a note per value normalised or left out; or the reason
 * the row is rejected. The same for the import and its preview. Every value met is counted in {@link ImportColumns}
 * by its slot; the common row (fields only, nothing to note) allocates nothing beyond its values.
 */
final class ImportRows {

    /** A note about one value of a row, naming the field and the rule, never the value. */
    record Note(String field, Kind kind, String reason) {

        enum Kind {
            /** Stored in another form than written. */
            NORMALISED,
            /** Not stored; the rest of the row is. */
            LEFT_OUT,
            /** Told, nothing changed (an opt-out). */
            INFO
        }

        static Note normalised(String field, String reason) {
            return new Note(field, Kind.NORMALISED, reason);
        }

        static Note leftOut(String field, String reason) {
            return new Note(field, Kind.LEFT_OUT, reason);
        }

        static Note info(String field, String reason) {
            return new Note(field, Kind.INFO, reason);
        }

        String text() {
            return field + ": " + reason;
        }
    }

    /**
     * A row checked: its values ready for the store, identifiers, lawful bases, company name (null: none) and notes;
     * or, when {@code rejection} is not null, only why it is refused.
     */
    record Row(long line, Map<String, String> values, Identifiers ids, List<PurposeBasis> bases, String company,
            List<Note> notes, String rejection) {

        static Row rejected(long line, String reason) {
            return new Row(line, Map.of(), null, List.of(), null, List.of(), reason);
        }
    }

    static final int MAX_COMPANY = 300;

    private final Fields fields;
    private final ImportValues values;
    private final Sealing sealing;
    private final Clock clock;
    private final ImportColumns columns;
    private final String defaultRegion;
    private final DateOrder dateOrder;
    /** Names the import in the recorded source of a lawful basis: {@code import <id>}. */
    private final String source;
    /** Custom fields a preview shows for kept columns without defining them: their values are shown as written. */
    private final Set<String> planned;

    ImportRows(Fields fields, FieldValidation validation, Sealing sealing, Clock clock, ImportColumns columns,
            String defaultRegion, DateOrder dateOrder, String source, Set<String> planned) {
        this.planned = planned;
        this.fields = fields;
        this.values = new ImportValues(validation);
        this.sealing = sealing;
        this.clock = clock;
        this.columns = columns;
        this.defaultRegion = defaultRegion;
        this.dateOrder = dateOrder;
        this.source = source;
    }

    ImportColumns columns() {
        return columns;
    }

    /** Checks one parsed row; counts its values. */
    Row check(long line, Map<String, String> raw) {
        boolean plain = true;
        for (Map.Entry<String, String> e : raw.entrySet()) {
            if (e.getValue() == null || e.getValue().isBlank()) {
                continue;
            }
            ImportColumns.Slot slot = columns.slot(e.getKey(), fields);
            slot.values++;
            plain &= slot.kind == ImportColumns.Kind.FIELD;
        }
        plain &= planned.isEmpty();
        Map<String, String> kept = null;
        Map<String, String> stored = raw;
        String company = null;
        Map<String, String> consent = null;
        List<Note> notes = null;
        if (!plain) {
            stored = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : raw.entrySet()) {
                ImportColumns.Slot slot = columns.known(e.getKey());
                if (slot == null) {
                    continue; // a blank value of a key met for the first time
                }
                String value = e.getValue() == null ? "" : e.getValue().strip();
                switch (slot.kind) {
                    case FIELD -> {
                        if (planned.contains(e.getKey())) {
                            kept = kept == null ? new LinkedHashMap<>() : kept;
                            kept.put(e.getKey(), value);
                        } else {
                            stored.put(e.getKey(), e.getValue());
                        }
                    }
                    case COMPANY -> company = value.isEmpty() ? null : value;
                    case BASIS, JUSTIFICATION, CONSENT, OPT_OUT -> {
                        if (!value.isEmpty()) {
                            if (consent == null) {
                                consent = new HashMap<>();
                            }
                            consent.put(e.getKey(), value);
                        }
                    }
                    case UNUSED -> {
                        // counted, not stored
                    }
                }
            }
        }
        Outcome outcome = normalise(stored);
        if (!outcome.violations().isEmpty()) {
            return Row.rejected(line, describe(outcome.violations()));
        }
        if (!outcome.notes().isEmpty()) {
            notes = new ArrayList<>(outcome.notes());
        }
        if (company != null && company.codePointCount(0, company.length()) > MAX_COMPANY) {
            notes = add(notes, Note.leftOut("company", "is longer than " + MAX_COMPANY + " characters"));
            company = null;
        }
        List<PurposeBasis> bases = List.of();
        if (consent != null) {
            List<Note> found = new ArrayList<>();
            bases = ImportBases.read(consent, source + ", line " + line, LocalDate.now(clock), found, columns);
            if (!found.isEmpty()) {
                notes = notes == null ? found : add(notes, found);
            }
        }
        if (notes != null) {
            count(notes);
        }
        Map<String, String> values = outcome.values();
        if (kept != null) {
            values = new LinkedHashMap<>(values);
            values.putAll(kept);
        }
        return new Row(line, values, Identifiers.of(sealing, values), bases, company,
                notes == null ? List.of() : notes, null);
    }

    private void count(List<Note> notes) {
        for (Note note : notes) {
            ImportColumns.Slot slot = columns.known(note.field());
            if (slot != null) {
                switch (note.kind()) {
                    case NORMALISED -> slot.normalised++;
                    case LEFT_OUT -> slot.leftOut++;
                    case INFO -> {
                        // nothing changed
                    }
                }
            }
        }
    }

    private static List<Note> add(List<Note> notes, Note note) {
        List<Note> all = notes == null ? new ArrayList<>() : notes;
        all.add(note);
        return all;
    }

    private static List<Note> add(List<Note> notes, List<Note> more) {
        notes.addAll(more);
        return notes;
    }

    static String describe(List<Violation> violations) {
        StringBuilder text = new StringBuilder();
        for (Violation v : violations) {
            if (text.length() > 0) {
                text.append("; ");
            }
            text.append(v.field()).append(": ").append(v.reason());
        }
        return Sealing.truncate(text.toString(), 1000);
    }

    /** {@link ImportValues}' outcome with its notes in the pipeline's form. */
    private record Outcome(Map<String, String> values, List<Note> notes, List<Violation> violations) {
    }

    private Outcome normalise(Map<String, String> raw) {
        ImportValues.Outcome outcome = values.normalise(raw, defaultRegion, dateOrder);
        List<Note> notes = List.of();
        if (!outcome.notes().isEmpty()) {
            notes = new ArrayList<>(outcome.notes().size());
            for (ImportValues.Note n : outcome.notes()) {
                notes.add(new Note(n.field(), n.kind() == ImportValues.Kind.LEFT_OUT ? Note.Kind.LEFT_OUT
                        : Note.Kind.NORMALISED, n.reason()));
            }
        }
        return new Outcome(outcome.values(), notes, outcome.violations());
    }
}
