package org.steward.contacts.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.steward.contacts.ImportFormat;
import org.steward.core.Uuids;
import org.steward.persistence.JdbcTransactions;

/**
 * The import journal: one row per import file ({@code CONTACTS_IMPORT}), and one per resume
 * ({@code CONTACTS_IMPORT_RUN}). The batches update it in their own transactions (see {@link ImportBatches}).
 */
final class ImportJournal {

    private final JdbcTransactions db;
    private final Clock clock;

    ImportJournal(JdbcTransactions db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The latest import of a file with this content. */
    Optional<Journal> latestByHash(String hash) {
        return db.write(c -> {
            try (PreparedStatement s = JdbcTransactions.bind(c, "SELECT * FROM CONTACTS_IMPORT WHERE FILE_HASH = ? "
                    + "ORDER BY STARTED_AT DESC", hash); ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(journal(rs)) : Optional.empty();
            }
        });
    }

    Optional<Journal> byId(String id) {
        return db.write(c -> {
            try (PreparedStatement s = JdbcTransactions.bind(c, "SELECT * FROM CONTACTS_IMPORT WHERE ID = ?", id);
                    ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(journal(rs)) : Optional.empty();
            }
        });
    }

    /** Imports not completed, oldest first. */
    List<Journal> running() {
        return db.write(c -> {
            List<Journal> found = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM CONTACTS_IMPORT WHERE STATUS = 'RUNNING' "
                    + "ORDER BY STARTED_AT"); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(journal(rs));
                }
            }
            return found;
        });
    }

    /** A new import, started by {@code userId}. */
    Journal start(String hash, String fileName, ImportFormat format, char delimiter,
            java.util.Map<String, String> mapping, int batchSize, String userId) {
        Journal journal = new Journal(Uuids.timeOrdered().toString(), hash, fileName, format, delimiter, mapping,
                batchSize, "RUNNING", 0, 0, 0, 0, clock.millis());
        db.write(c -> JdbcTransactions.update(c, "INSERT INTO CONTACTS_IMPORT (ID, FILE_HASH, FILE_NAME, FORMAT, "
                + "DELIMITER_CHAR, MAPPING, BATCH_SIZE, STATUS, LAST_LINE, RECORDS, IMPORTED, REJECTED, USER_ID, "
                + "STARTED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, 'RUNNING', 0, 0, 0, 0, ?, ?)", journal.id(), hash,
                fileName, format.name(), String.valueOf(delimiter), SourceCodec.encode(mapping), batchSize, userId,
                journal.startedAt()));
        return journal;
    }

    /** Who goes on with an unfinished import, after which line: the contacts of the lines after it name that user. */
    void recordResume(Journal journal, String userId) {
        db.write(c -> JdbcTransactions.update(c, "INSERT INTO CONTACTS_IMPORT_RUN (ID, IMPORT_ID, AFTER_LINE, USER_ID, "
                + "STARTED_AT) VALUES (?, ?, ?, ?, ?)", Uuids.timeOrdered().toString(), journal.id(),
                journal.lastLine(), userId, clock.millis()));
    }

    void complete(Journal journal) {
        db.write(c -> JdbcTransactions.update(c, "UPDATE CONTACTS_IMPORT SET STATUS = 'COMPLETED', FINISHED_AT = ? "
                + "WHERE ID = ?", clock.millis(), journal.id()));
    }

    /** Written with each batch, in its transaction. */
    static void advance(Connection c, Journal journal, long lastLine, long records, long imported, long rejected)
            throws SQLException {
        JdbcTransactions.update(c, "UPDATE CONTACTS_IMPORT SET LAST_LINE = ?, RECORDS = ?, IMPORTED = ?, REJECTED = ? "
                + "WHERE ID = ?", lastLine, records, imported, rejected, journal.id());
    }

    private static Journal journal(ResultSet rs) throws SQLException {
        String delimiter = rs.getString("DELIMITER_CHAR");
        return new Journal(rs.getString("ID"), rs.getString("FILE_HASH"), rs.getString("FILE_NAME"),
                ImportFormat.valueOf(rs.getString("FORMAT")), delimiter == null || delimiter.isEmpty() ? ','
                        : delimiter.charAt(0), SourceCodec.decode(rs.getString("MAPPING")), rs.getInt("BATCH_SIZE"),
                rs.getString("STATUS"), rs.getLong("LAST_LINE"), rs.getLong("RECORDS"), rs.getLong("IMPORTED"),
                rs.getLong("REJECTED"), rs.getLong("STARTED_AT"));
    }
}
