package org.steward.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.steward.core.PersonId;
import org.steward.persistence.internal.Tables;

import jakarta.persistence.EntityManager;

/**
 * The restriction locks (GDPR Art. 18) of one module, in one shape for every module: the module's own table
 * {@code <PREFIX>_RESTRICTION (PERSON_ID VARCHAR(36) PRIMARY KEY, SINCE TIMESTAMP NOT NULL)}, one row per restricted
 * person. A module checks the lock before processing and refuses through
 * {@code AuditLog.refuseRestricted(...)}, the one audited refusal path. Works on a JDBC connection or inside a JPA
 * transaction (native statements on the entity manager's connection), so the check and the work share one
 * transaction. Standard SQL only (Derby and PostgreSQL).
 *
 * @since 1.1
 */
public final class RestrictionLocks {

    private static final int IN_CHUNK = 500;

    private final String table;

    private RestrictionLocks(String table) {
        this.table = table;
    }

    /** The locks of the module whose tables start with {@code prefix} ({@code "TICKETS"} for TICKETS_RESTRICTION). */
    public static RestrictionLocks of(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.matches("[A-Z][A-Z0-9_]{0,40}")) {
            throw new IllegalArgumentException("a table prefix is upper-case letters, digits and '_'");
        }
        return new RestrictionLocks(prefix + "_RESTRICTION");
    }

    public String table() {
        return table;
    }

    /** Creates the table when it does not exist yet; call it from the module's activation or schema migration. */
    public void createIfMissing(Connection c) throws SQLException {
        Tables.ensure(c, table, "CREATE TABLE " + table
                + " (PERSON_ID VARCHAR(36) NOT NULL PRIMARY KEY, SINCE TIMESTAMP NOT NULL)");
    }

    /** Whether the table exists (a module migrating from its own older shape decides with this). */
    public boolean exists(Connection c) throws SQLException {
        return Tables.exists(c, table);
    }

    public boolean isRestricted(Connection c, PersonId person) throws SQLException {
        if (person == null) {
            return false;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM " + table + " WHERE PERSON_ID = ?")) {
            s.setString(1, person.toString());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Which of the given person ids are restricted. */
    public Set<String> restrictedAmong(Connection c, Collection<String> personIds) throws SQLException {
        Set<String> found = new HashSet<>();
        List<String> ids = new ArrayList<>(new HashSet<>(personIds));
        ids.remove(null);
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement s = c.prepareStatement("SELECT PERSON_ID FROM " + table + " WHERE PERSON_ID IN ("
                    + marks + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
        }
        return found;
    }

    /** Restricts the person from {@code since}; returns whether the lock is new (false when it was there already). */
    public boolean restrict(Connection c, PersonId person, Instant since) throws SQLException {
        if (isRestricted(c, person)) {
            return false;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " (PERSON_ID, SINCE) VALUES (?, ?)")) {
            s.setString(1, person.toString());
            s.setTimestamp(2, Timestamp.from(since));
            s.executeUpdate();
        }
        return true;
    }

    /** Lifts the lock (also on erasure); returns whether there was one. */
    public boolean lift(Connection c, PersonId person) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE PERSON_ID = ?")) {
            s.setString(1, person.toString());
            return s.executeUpdate() > 0;
        }
    }

    /** Every restricted person id, for the module's export of restrictions and for retention (which skips them). */
    public Set<String> all(Connection c) throws SQLException {
        Set<String> found = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT PERSON_ID FROM " + table);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        return found;
    }

    // ---- the same inside a JPA transaction, on the entity manager's own connection

    public boolean isRestricted(EntityManager em, PersonId person) {
        return person != null && !em.createNativeQuery("SELECT 1 FROM " + table + " WHERE PERSON_ID = ?")
                .setParameter(1, person.toString()).setMaxResults(1).getResultList().isEmpty();
    }

    /** Which of the given person ids are restricted. */
    public Set<String> restrictedAmong(EntityManager em, Collection<String> personIds) {
        Set<String> found = new HashSet<>();
        List<String> ids = new ArrayList<>(new HashSet<>(personIds));
        ids.remove(null);
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
            StringBuilder sql = new StringBuilder("SELECT PERSON_ID FROM ").append(table).append(" WHERE PERSON_ID IN (");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "?" : ",?");
            }
            var query = em.createNativeQuery(sql.append(')').toString());
            for (int i = 0; i < chunk.size(); i++) {
                query.setParameter(i + 1, chunk.get(i));
            }
            for (Object row : query.getResultList()) {
                found.add(String.valueOf(row instanceof Object[] columns ? columns[0] : row));
            }
        }
        return found;
    }

    /** Restricts the person inside the entity manager's transaction; returns whether the lock is new. */
    public boolean restrict(EntityManager em, PersonId person, Instant since) {
        if (isRestricted(em, person)) {
            return false;
        }
        em.createNativeQuery("INSERT INTO " + table + " (PERSON_ID, SINCE) VALUES (?, ?)")
                .setParameter(1, person.toString()).setParameter(2, Timestamp.from(since)).executeUpdate();
        return true;
    }

    /** Every restricted person id, read on the entity manager's connection. */
    public Set<String> all(EntityManager em) {
        Set<String> found = new HashSet<>();
        for (Object row : em.createNativeQuery("SELECT PERSON_ID FROM " + table).getResultList()) {
            found.add(String.valueOf(row instanceof Object[] columns ? columns[0] : row));
        }
        return found;
    }

    /** Lifts the lock inside the entity manager's transaction; returns whether there was one. */
    public boolean lift(EntityManager em, PersonId person) {
        return em.createNativeQuery("DELETE FROM " + table + " WHERE PERSON_ID = ?")
                .setParameter(1, person.toString()).executeUpdate() > 0;
    }
}
