package org.steward.contacts;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The outcome of an import.
 *
 * @param importId the journal id, for {@link ContactImport#resume}
 * @param status how it ended
 * @param records records read (data lines or vCards; the header is not counted)
 * @param imported contacts created
 * @param rejected records refused, each with line and reason in the report
 * @param reportFile the CSV report ({@code line,reason}) of the rejected records, written next to the summary file
 * @param summaryFile a short text summary
 * @param elapsed the time of this run
 */
public record ImportSummary(String importId, String fileName, Status status, long records, long imported,
        long rejected, Path reportFile, Path summaryFile, Duration elapsed) {

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
