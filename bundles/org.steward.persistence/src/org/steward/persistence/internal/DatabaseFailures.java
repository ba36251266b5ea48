package org.steward.persistence.internal;

import java.sql.SQLException;

import org.steward.core.UnavailableException;

/**
 * Turns the JDBC errors of opening a database into one sentence an administrator can act on: what is wrong and which
 * setting or folder to look at.
 */
final class DatabaseFailures {

    private DatabaseFailures() {
    }

    static UnavailableException explain(SQLException failure, String where, String setting) {
        String state = deepestState(failure);
        String reason = switch (state == null ? "" : state) {
            case "XSDB6" -> "it is in use by another Steward or Derby process. Stop that process, or point "
                    + setting + " at another folder";
            case "XJ004" -> "there is no database there";
            case "XJ041", "XBM0J" -> "the folder cannot be created or already holds something else";
            case "XBM0A", "XBM01", "XBM0T" -> "the database files are damaged or incomplete; restore the folder "
                    + "from a backup (steward:backup) or move it away to start empty";
            case "08001", "08004", "08006" -> "the database server cannot be reached or refused the login; check "
                    + setting + ", the user and the password";
            case "28P01", "28000" -> "the user or password was refused";
            case "3D000" -> "the database does not exist on the server";
            default -> failure.getMessage() == null ? failure.getClass().getSimpleName() : oneLine(deepest(failure));
        };
        if (state != null && state.startsWith("XSL")) {
            reason = "the transaction log is damaged (" + state + "); restore the folder from a backup";
        }
        if (state != null && state.startsWith("XSDG")) {
            reason = "a data file is damaged (" + state + "); restore the folder from a backup";
        }
        return new UnavailableException("Cannot open the database " + where + " (setting " + setting + "): "
                + reason + ".");
    }

    private static String oneLine(SQLException e) {
        String message = e.getMessage();
        return message.replaceAll("\\s+", " ").trim() + (e.getSQLState() == null ? "" : " [" + e.getSQLState() + "]");
    }

    /** Derby wraps the real cause (e.g. XSDB6 inside XJ040); the innermost SQL state says what happened. */
    private static String deepestState(SQLException failure) {
        String state = failure.getSQLState();
        for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                state = sql.getSQLState();
            }
        }
        for (SQLException next = failure.getNextException(); next != null; next = next.getNextException()) {
            if (next.getSQLState() != null && state != null && state.startsWith("XJ040")) {
                state = next.getSQLState();
            }
        }
        return state;
    }

    private static SQLException deepest(SQLException failure) {
        SQLException deepest = failure;
        for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                deepest = sql;
            }
        }
        return deepest;
    }
}
