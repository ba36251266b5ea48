package org.steward.contacts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of an import.
 *
 * @param importId the journal id, for {@link ContactImport#resume}
 * @param status how it ended
 * @param records records read (data lines or vCards; the header is not counted)
 * @param imported contacts created
 * @param rejected records refused, each with line and reason in the report
 * @param reportFile the CSV report ({@code line,reason}) of the rejected records and of the values left out of
 *            imported ones, written next to the summary file
 * @param summaryFile a short text summary
 * @param elapsed the time of this run
 * @param layout the recognised layout of the file ({@code Google Contacts CSV}, {@code vCard 2.1}, ...)
 * @param columns per column of the file: where it went and how many of its values were normalised or left out;
 *            columns that went nowhere are here too, with a {@code null} field
 */
public record ImportSummary(String importId, String fileName, Status status, long records, long imported,
        long rejected, Path reportFile, Path summaryFile, Duration elapsed, String layout,
        List<ColumnCount> columns) {

    public ImportSummary {
        layout = layout == null ? "" : layout;
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    /** The summary of API 1.1, without the layout and the column counts. */
    public ImportSummary(String importId, String fileName, Status status, long records, long imported, long rejected,
            Path reportFile, Path summaryFile, Duration elapsed) {
        this(importId, fileName, status, records, imported, rejected, reportFile, summaryFile, elapsed, "", List.of());
    }

    /**
     * The values of one column (of a vCard: one property), counted, never shown.
     *
     * @param column the header as the file wrote it
     * @param field the field its values went to, {@code null} when the column was not used
     * @param values non-empty values met
     * @param normalised values stored in another form than written (a country name as its code, a phone in E.164)
     * @param leftOut values not stored (unusable, over-long, ambiguous) while the rest of the row was imported, or
     *            the values of a column not used
     */
    public record ColumnCount(String column, String field, long values, long normalised, long leftOut) {
    }

    /** The state of an import in its journal. */
    public enum Status {
        /** Started and not finished: a crash or a stop interrupted it; resume continues after the last batch. */
        RUNNING,
        /** Every record was imported or rejected. */
        COMPLETED,
        /** The same file (same content) was completely imported before: nothing was done. */
        ALREADY_IMPORTED
    }
}
