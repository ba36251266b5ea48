package org.steward.contacts.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;

import org.osgi.service.log.Logger;
import org.steward.contacts.ImportSummary;
import org.steward.core.StewardException;
import org.steward.persistence.JdbcTransactions;

/**
 * The report of an import (line and reason, never a value): its rejected records, and the values left out of its
 * imported ones (the reason names the field); and its summary with the counts per column, as files.
 */
final class ImportReports {

    private final Path folder;
    private final JdbcTransactions db;
    private final Clock clock;
    private final Logger logger;

    ImportReports(Path folder, JdbcTransactions db, Clock clock, Logger logger) {
        this.folder = folder;
        this.db = db;
        this.clock = clock;
        this.logger = logger;
    }

    /** How the report marks a value left out of a row that was imported. */
    static final String LEFT_OUT = "value left out, the row was imported";

    Path reportFile(String importId) {
        return folder.resolve("import-" + importId + "-rejected.csv");
    }

    Path summaryFile(String importId) {
        return folder.resolve("import-" + importId + "-summary.txt");
    }

    /**
     * Writes the report from the journal's rejects, and the summary; a failure is logged, the import stands (its
     * rejects stay in the journal).
     */
    void write(Journal journal, long[] totals, Instant started) {
        Path report = reportFile(journal.id());
        try {
            Files.createDirectories(report.getParent());
            try (BufferedWriter out = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
                out.write("line,reason\r\n");
                db.read(c -> {
                    try (PreparedStatement s = JdbcTransactions.bind(c, "SELECT LINE_NO, REASON, FIELD_NAME FROM "
                            + "CONTACTS_IMPORT_REJECT WHERE IMPORT_ID = ? ORDER BY LINE_NO, FIELD_NAME", journal.id());
                            ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            String field = rs.getString(3);
                            String reason = field == null ? rs.getString(2) : field + ": " + rs.getString(2) + "; "
                                    + LEFT_OUT;
                            out.write(rs.getLong(1) + ",\"" + reason.replace("\"", "\"\"") + "\"\r\n");
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return null;
                });
            }
            Files.writeString(summaryFile(journal.id()), "import " + journal.id() + "\nfile " + journal.fileName()
                    + "\nsha-256 " + journal.hash() + "\nformat " + journal.format() + "\nlayout "
                    + (journal.layout() == null ? "" : journal.layout()) + "\nrecords " + totals[0]
                    + "\nimported " + totals[1] + "\nrejected " + totals[2] + "\nreport " + report.getFileName()
                    + "\nrun started " + started + "\nrun ended " + clock.instant() + "\n"
                    + columns(ImportColumns.decode(journal.columnCounts())), StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException | StewardException e) {
            logger.error("Cannot write the report of import {} into {}: {}", journal.id(), report.getParent(),
                    e.getMessage());
        }
    }

    /** The counts per column and per purpose, one line each, in the words of the summary file. */
    static String columns(ImportColumns columns) {
        StringBuilder text = new StringBuilder();
        for (ImportSummary.ColumnCount c : columns.counts()) {
            text.append("column \"").append(c.column().replace("\n", " ")).append("\" -> ");
            if (c.field() == null) {
                text.append("not used: ").append(c.values()).append(" values left out\n");
            } else {
                text.append(c.field()).append(": ").append(c.values()).append(" values, ").append(c.normalised())
                        .append(" normalised, ").append(c.leftOut()).append(" left out\n");
            }
        }
        ImportColumns.describePurposes(columns.purposes()).forEach((purpose, counts) -> text.append("purpose ")
                .append(purpose).append(": ").append(counts).append('\n'));
        return text.toString();
    }
}
