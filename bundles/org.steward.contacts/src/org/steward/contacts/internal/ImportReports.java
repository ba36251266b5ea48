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
import org.steward.core.StewardException;
import org.steward.persistence.JdbcTransactions;

/** The report of an import's rejected records (line and reason, never a value) and its summary, as files. */
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
                    try (PreparedStatement s = JdbcTransactions.bind(c, "SELECT LINE_NO, REASON FROM "
                            + "CONTACTS_IMPORT_REJECT WHERE IMPORT_ID = ? ORDER BY LINE_NO", journal.id());
                            ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            out.write(rs.getLong(1) + ",\"" + rs.getString(2).replace("\"", "\"\"") + "\"\r\n");
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return null;
                });
            }
            Files.writeString(summaryFile(journal.id()), "import " + journal.id() + "\nfile " + journal.fileName()
                    + "\nsha-256 " + journal.hash() + "\nformat " + journal.format() + "\nrecords " + totals[0]
                    + "\nimported " + totals[1] + "\nrejected " + totals[2] + "\nreport " + report.getFileName()
                    + "\nrun started " + started + "\nrun ended " + clock.instant() + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException | StewardException e) {
            logger.error("Cannot write the report of import {} into {}: {}", journal.id(), report.getParent(),
                    e.getMessage());
        }
    }
}
