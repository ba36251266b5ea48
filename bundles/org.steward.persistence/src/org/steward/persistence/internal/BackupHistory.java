package org.steward.persistence.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.steward.core.UnavailableException;
import org.steward.persistence.BackupRecord;

/** The list of backups taken, kept in the database itself so that it survives restarts. */
final class BackupHistory {

    static final String TABLE = "STEWARD_BACKUP";

    private final DataSource dataSource;

    BackupHistory(DataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        try (Connection connection = dataSource.getConnection()) {
            Tables.ensure(connection, TABLE, "CREATE TABLE " + TABLE + " (TAKEN_AT TIMESTAMP NOT NULL,"
                    + " FOLDER VARCHAR(1024) NOT NULL, SIZE_BYTES BIGINT NOT NULL, TOOK_MILLIS BIGINT NOT NULL)");
        }
    }

    void record(BackupRecord backup) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + TABLE + " (TAKEN_AT, FOLDER, SIZE_BYTES, TOOK_MILLIS) VALUES (?, ?, ?, ?)")) {
            insert.setTimestamp(1, Timestamp.from(backup.takenAt()));
            insert.setString(2, backup.folder().toString());
            insert.setLong(3, backup.bytes());
            insert.setLong(4, backup.took().toMillis());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new UnavailableException("The backup in " + backup.folder() + " was made but could not be recorded: "
                    + org.steward.persistence.DatabaseErrors.translate(e, "the backup history").getMessage());
        }
    }

    List<BackupRecord> list() {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT TAKEN_AT, FOLDER, SIZE_BYTES, TOOK_MILLIS FROM " + TABLE + " ORDER BY TAKEN_AT DESC");
                ResultSet rs = select.executeQuery()) {
            List<BackupRecord> result = new ArrayList<>();
            while (rs.next()) {
                result.add(new BackupRecord(rs.getTimestamp(1).toInstant(), Path.of(rs.getString(2)), rs.getLong(3),
                        Duration.ofMillis(rs.getLong(4))));
            }
            return result;
        } catch (SQLException e) {
            throw org.steward.persistence.DatabaseErrors.translate(e, "the backup history");
        }
    }
}
