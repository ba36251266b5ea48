package org.steward.breaches;

/**
 * The breach register's state, for the console.
 *
 * @param database the JDBC URL of the database the register is in
 * @param open breaches not closed
 * @param overdue breaches whose authority notification is overdue
 * @param checkIntervalSeconds how often the overdue check runs
 * @param mailAvailable whether the mail outbox is running (needed to notify people)
 * @param contactsAvailable whether addresses can be looked up in the contacts module
 */
public record BreachesStatus(String database, int open, int overdue, int checkIntervalSeconds, boolean mailAvailable,
        boolean contactsAvailable) {
}
