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
        SQLException detail = detail(failure);
        String state = detail.getSQLState() == null ? "" : detail.getSQLState();
        String reason = switch (state) {
            case "XSDB6" -> "it is in use by another Steward or Derby process. Stop that process, or point "
                    + setting + " at another folder";
            case "XJ004" -> "there is no database there";
            case "XJ041", "XBM0J" -> "the folder cannot be created or already holds something else";
            case "08001", "08004", "08006" -> "the database server cannot be reached or refused the login; check "
                    + setting + ", the user and the password";
            case "28P01", "28000" -> "the user or password was refused";
            case "3D000" -> "the database does not exist on the server";
            default -> damaged(state) ? "the database files are damaged or incomplete (" + oneLine(detail)
                    + "); restore the folder from a backup (steward:backup) or move it away to start empty"
                    : oneLine(detail);
        };
        return new UnavailableException("Cannot open the database " + where + " (setting " + setting + "): "
                + reason + ".");
    }

    /** Derby's own state classes for a store it cannot boot: service (XBM, XCY), log (XSL), data (XSDG). */
    private static boolean damaged(String state) {
        return state.startsWith("XBM") || state.startsWith("XCY") || state.startsWith("XSL")
                || state.startsWith("XSDG") || state.startsWith("XSTB");
    }

    private static String oneLine(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s+", " ").trim() + (e.getSQLState() == null ? "" : " [" + e.getSQLState() + "]");
    }

    /**
     * Derby reports a failed boot as XJ040 ("see the next exception") with the real reason chained as the next
     * exception; other drivers put it first.
     */
    private static SQLException detail(SQLException failure) {
        SQLException detail = failure;
        for (SQLException next = failure.getNextException(); next != null; next = next.getNextException()) {
            if (next.getSQLState() != null) {
                detail = next;
            }
        }
        for (Throwable cause = detail.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && !"XJ040".equals(sql.getSQLState())) {
                detail = sql;
            }
        }
        return detail;
    }
}
