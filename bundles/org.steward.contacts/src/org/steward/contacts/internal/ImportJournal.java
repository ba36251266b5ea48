package org.steward.contacts.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.steward.contacts.DateOrder;
import org.steward.contacts.ImportFormat;
import org.steward.contacts.ImportOptions;
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

    /** A new import, started by {@code userId}, with the options every run of it reads the file with. */
    Journal start(String hash, String fileName, ImportFormat format, char delimiter, ImportOptions options,
            String layout, String userId) {
        Journal journal = new Journal(Uuids.timeOrdered().toString(), hash, fileName, format, delimiter,
                options.mapping(), options.batchSize(), "RUNNING", 0, 0, 0, 0, clock.millis(), layout,
                options.defaultRegion(), options.dateOrder(), options.keepUnmappedColumns(), "");
        db.write(c -> JdbcTransactions.update(c, "INSERT INTO CONTACTS_IMPORT (ID, FILE_HASH, FILE_NAME, FORMAT, "
                + "DELIMITER_CHAR, MAPPING, BATCH_SIZE, STATUS, LAST_LINE, RECORDS, IMPORTED, REJECTED, USER_ID, "
                + "STARTED_AT, LAYOUT, DEFAULT_REGION, DATE_ORDER, KEEP_UNMAPPED) VALUES (?, ?, ?, ?, ?, ?, ?, "
                + "'RUNNING', 0, 0, 0, 0, ?, ?, ?, ?, ?, ?)", journal.id(), hash, fileName, format.name(),
                String.valueOf(delimiter), SourceCodec.encode(options.mapping()), options.batchSize(), userId,
                journal.startedAt(), Sealing.truncate(layout, 100), journal.defaultRegion(),
                journal.dateOrder() == null ? null : journal.dateOrder().name(), journal.keepUnmappedColumns()));
        return journal;
    }

    /** The options of a journal, for a run that goes on with it. */
    static ImportOptions options(Journal journal) {
        return new ImportOptions(journal.format(), journal.delimiter(), journal.mapping(), journal.batchSize(),
                journal.defaultRegion(), journal.dateOrder(), journal.keepUnmappedColumns());
    }

    /** Who goes on with an unfinished import, after which line: the contacts of the lines after it name that user. */
    void recordResume(Journal journal, String userId) {
        db.write(c -> JdbcTransactions.update(c, "INSERT INTO CONTACTS_IMPORT_RUN (ID, IMPORT_ID, AFTER_LINE, USER_ID, "
                + "STARTED_AT) VALUES (?, ?, ?, ?, ?)", Uuids.timeOrdered().toString(), journal.id(),
                journal.lastLine(), userId, clock.millis()));
    }

    /** The layout recognised, once the first record is read (a vCard's version is known from its first card). */
    void layout(Journal journal, String layout) {
        db.write(c -> JdbcTransactions.update(c, "UPDATE CONTACTS_IMPORT SET LAYOUT = ? WHERE ID = ?",
                Sealing.truncate(layout, 100), journal.id()));
    }

    void complete(Journal journal) {
        db.write(c -> JdbcTransactions.update(c, "UPDATE CONTACTS_IMPORT SET STATUS = 'COMPLETED', FINISHED_AT = ? "
                + "WHERE ID = ?", clock.millis(), journal.id()));
    }

    /** Written with each batch, in its transaction. */
    static void advance(Connection c, Journal journal, long lastLine, long records, long imported, long rejected,
            String columnCounts) throws SQLException {
        JdbcTransactions.update(c, "UPDATE CONTACTS_IMPORT SET LAST_LINE = ?, RECORDS = ?, IMPORTED = ?, REJECTED = ?, "
                + "COLUMN_COUNTS = ? WHERE ID = ?", lastLine, records, imported, rejected, columnCounts, journal.id());
    }

    private static Journal journal(ResultSet rs) throws SQLException {
        String delimiter = rs.getString("DELIMITER_CHAR");
        String order = rs.getString("DATE_ORDER");
        return new Journal(rs.getString("ID"), rs.getString("FILE_HASH"), rs.getString("FILE_NAME"),
                ImportFormat.valueOf(rs.getString("FORMAT")), delimiter == null || delimiter.isEmpty() ? ','
                        : delimiter.charAt(0), SourceCodec.decode(rs.getString("MAPPING")), rs.getInt("BATCH_SIZE"),
                rs.getString("STATUS"), rs.getLong("LAST_LINE"), rs.getLong("RECORDS"), rs.getLong("IMPORTED"),
                rs.getLong("REJECTED"), rs.getLong("STARTED_AT"), rs.getString("LAYOUT"),
                rs.getString("DEFAULT_REGION"), order == null ? null : DateOrder.valueOf(order),
                rs.getBoolean("KEEP_UNMAPPED"), rs.getString("COLUMN_COUNTS"));
    }
}
