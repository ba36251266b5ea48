package org.steward.contacts.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.steward.persistence.JdbcTransactions;

/**
 * Who imported which lines of a file, by import id, for the sources of imported contacts: the user who started the
 * import, then each resume after the line it continued from. Only completed imports are cached (an import names
 * thousands of contacts): an unfinished one may be resumed at any time, here or by another server on the same
 * database.
 */
final class ImportOrigins {

    /** A resume: the lines after {@code afterLine} were imported by {@code user}. */
    record Resume(long afterLine, String user) {
    }

    /** {@code resumes} in the order of their lines. */
    record Origin(String fileName, String startedBy, List<Resume> resumes) {

        String userOf(long line) {
            String user = startedBy;
            for (Resume r : resumes) {
                if (r.afterLine() >= line) {
                    break;
                }
                user = r.user();
            }
            return user;
        }
    }

    private final Map<String, Origin> byImport = new ConcurrentHashMap<>();

    Origin of(Connection c, String importId) throws SQLException {
        Origin cached = byImport.get(importId);
        return cached != null ? cached : load(c, importId);
    }

    private Origin load(Connection c, String importId) throws SQLException {
        String fileName = "(import " + importId + ")";
        String startedBy = null;
        boolean completed = false;
        try (PreparedStatement s = JdbcTransactions.bind(c, "SELECT FILE_NAME, USER_ID, STATUS FROM CONTACTS_IMPORT "
                + "WHERE ID = ?",
                importId); ResultSet rs = s.executeQuery()) {
            if (rs.next()) {
                fileName = rs.getString(1);
                startedBy = rs.getString(2);
                completed = "COMPLETED".equals(rs.getString(3));
            }
        }
        List<Resume> resumes = new ArrayList<>();
        try (PreparedStatement s = JdbcTransactions.bind(c, "SELECT AFTER_LINE, USER_ID FROM CONTACTS_IMPORT_RUN "
                + "WHERE IMPORT_ID = ? ORDER BY AFTER_LINE, STARTED_AT", importId); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                resumes.add(new Resume(rs.getLong(1), rs.getString(2)));
            }
        }
        Origin origin = new Origin(fileName, startedBy, List.copyOf(resumes));
        if (completed) {
            byImport.put(importId, origin);
        }
        return origin;
    }
}
