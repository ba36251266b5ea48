package org.steward.persistence;

import java.sql.SQLException;

import org.steward.core.ConflictException;
import org.steward.core.StewardException;
import org.steward.core.UnavailableException;

import jakarta.persistence.OptimisticLockException;

/**
 * The one translation of database failures into Steward's domain errors. A driver's message is never passed on: a
 * PostgreSQL constraint message quotes the key values it refused ({@code Key (email)=(...)}), and domain messages
 * are shown, logged and audited as they are (design rule 5). The SQLSTATE code is kept, since it names the kind of
 * failure and carries no value; the original exception is not chained for the same reason.
 *
 * @since 1.1
 */
public final class DatabaseErrors {

    private DatabaseErrors() {
    }

    /**
     * The domain error for a failure of work on {@code subject} (e.g. {@code "the tickets database"}). A
     * {@link StewardException} thrown by the work itself is returned as it is.
     */
    public static StewardException translate(Throwable failure, String subject) {
        if (failure instanceof StewardException domain) {
            return domain;
        }
        if (isOptimisticLock(failure)) {
            return new ConflictException(capitalised(subject) + ": the record was changed by someone else at the "
                    + "same moment; load it again and retry");
        }
        String state = sqlState(failure);
        if (state.startsWith("23")) {
            return new ConflictException(capitalised(subject) + " refused the change: it clashes with a record "
                    + "stored already (constraint " + state + ")");
        }
        if (isTransient(failure)) {
            return new UnavailableException(capitalised(subject) + " is busy with concurrent work (" + state
                    + "); try again");
        }
        if (state.startsWith("08")) {
            return new UnavailableException(capitalised(subject) + " cannot be reached (" + state
                    + "); check the database settings (docs/ADMIN.md)");
        }
        if (fromDatabase(failure)) {
            return new UnavailableException(capitalised(subject) + " failed ("
                    + (state.isEmpty() ? "no SQLSTATE" : "SQLSTATE " + state) + ")");
        }
        // a fault of the module's own code carries no driver text: keep it as the cause, so the log shows where it is
        return new UnavailableException(capitalised(subject) + " could not complete the work (an internal error, "
                + "recorded in the server log)", failure);
    }

    /** Whether a driver or the JPA provider raised the failure (their messages may quote stored values). */
    private static boolean fromDatabase(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            if (t instanceof SQLException || name.startsWith("jakarta.persistence.")
                    || name.startsWith("org.eclipse.persistence.")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether retrying the same transaction may succeed: a deadlock, a serialization failure or a lock wait that
     * timed out (Derby 40001, 40XL1, 40XL2; PostgreSQL 40001, 40P01, 55P03).
     */
    public static boolean isTransient(Throwable failure) {
        String state = sqlState(failure);
        return state.equals("40001") || state.equals("40P01") || state.startsWith("40XL") || state.equals("55P03");
    }

    /** The SQLSTATE of the first SQL exception in the cause chain, empty when there is none. */
    public static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (s.getSQLState() != null && !s.getSQLState().isBlank()) {
                        return s.getSQLState();
                    }
                }
            }
        }
        return "";
    }

    private static boolean isOptimisticLock(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException
                    || t.getClass().getName().equals("org.eclipse.persistence.exceptions.OptimisticLockException")) {
                return true;
            }
        }
        return false;
    }

    private static String capitalised(String subject) {
        if (subject == null || subject.isBlank()) {
            return "The database";
        }
        return Character.toUpperCase(subject.charAt(0)) + subject.substring(1);
    }
}
