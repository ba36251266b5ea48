package org.steward.contacts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dry run over the first rows of an import file: what the import would do, with nothing written. The values are
 * those of the file the importing user holds; they are returned to that user only, never logged or audited.
 *
 * @param format the file format read
 * @param layout the recognised layout ({@code Google Contacts CSV}, {@code vCard 2.1}, ...), or {@code CSV} when the
 *            header matched none and columns were mapped by their names
 * @param columns every column of the header (for a vCard: every property met) and the field it goes to
 * @param rows the outcome of each row read, in file order
 */
public record ImportPreview(String fileName, ImportFormat format, String layout, List<ColumnMapping> columns,
        List<RowOutcome> rows) {

    public ImportPreview {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /**
     * One column and where its values go.
     *
     * @param field the contact field, {@code null} when the column is not used (it is counted in the summary)
     */
    public record ColumnMapping(String column, String field) {
    }

    /** What would happen to a row. */
    public enum Outcome {
        /** Imported as read. */
        IMPORTED,
        /** Imported, with values brought to their stored form or left out; {@link RowOutcome#notes} says which. */
        NORMALISED,
        /** Not imported; {@link RowOutcome#reason} says why. */
        REJECTED
    }

    /**
     * @param line the physical line the record starts on
     * @param values the values as they would be stored, by field name (empty when rejected)
     * @param notes per field what was normalised or left out, e.g. {@code address.country: country name read as its
     *            ISO code}; a note names the field and the rule, never the value
     * @param reason why the row is rejected, or empty
     */
    public record RowOutcome(long line, Outcome outcome, Map<String, String> values, List<String> notes,
            String reason) {
        public RowOutcome {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
            notes = List.copyOf(notes);
            reason = reason == null ? "" : reason;
        }
    }
}
