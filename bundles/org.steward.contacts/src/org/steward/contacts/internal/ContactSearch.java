package org.steward.contacts.internal;

import java.util.List;

import org.steward.core.ValidationException;
import org.steward.persistence.JdbcTransactions;

/**
 * Finds live contacts by e-mail, phone or the start of a name: candidates through the blind-index tokens, then
 * compared decrypted (a token may be shared); never a scan of decrypted names.
 */
final class ContactSearch {

    private final JdbcTransactions db;
    private final ContactStore store;
    private final Sealing sealing;

    ContactSearch(JdbcTransactions db, ContactStore store, Sealing sealing) {
        this.db = db;
        this.store = store;
        this.sealing = sealing;
    }

    /** Live contacts with this e-mail address. */
    List<StoredContact> byEmail(String email, int limit) {
        String wanted = sealing.normaliseEmail(email);
        Long token = sealing.emailToken(email);
        return db.write(c -> store.loadWhere(c, "EMAIL_TOKEN = ? AND DELETED_AT IS NULL", limit, token)).stream()
                .filter(s -> s.values().get("email") != null
                        && wanted.equals(sealing.normaliseEmail(s.values().get("email"))))
                .toList();
    }

    private boolean samePhone(String number, String stored) {
        try {
            return stored != null && number.equals(sealing.normalisePhone(stored));
        } catch (ValidationException e) {
            return false;
        }
    }

    List<StoredContact> search(String text, int limit) {
        if (text == null || text.isBlank()) {
            throw new ValidationException("text", "is required");
        }
        String t = text.strip();
        if (t.contains("@")) {
            return byEmail(t, limit);
        }
        if (t.matches("[+0-9 ()./-]{6,}")) {
            Long token = sealing.phoneToken(t);
            String number = sealing.normalisePhone(t);
            return db.write(c -> store.loadWhere(c, "(PHONE_TOKEN = ? OR MOBILE_TOKEN = ?) AND DELETED_AT IS NULL",
                    limit, token, token)).stream().filter(s -> samePhone(number, s.values().get("phone"))
                            || samePhone(number, s.values().get("mobile"))).toList();
        }
        String[] words = t.split("\\s+");
        List<StoredContact> found;
        if (words.length == 1) {
            Long p = sealing.prefixToken(words[0]);
            found = db.write(c -> store.loadWhere(c, "(FIRST_TOKEN = ? OR LAST_TOKEN = ?) AND DELETED_AT IS NULL",
                    limit * 4, p, p));
            return found.stream().filter(s -> NameSearch.startsWith(s.values().get("firstName"), words[0])
                    || NameSearch.startsWith(s.values().get("lastName"), words[0])).limit(limit).toList();
        }
        String first = words[0];
        String last = t.substring(first.length()).strip();
        Long p1 = sealing.prefixToken(first);
        Long p2 = sealing.prefixToken(last);
        found = db.write(c -> store.loadWhere(c, "((LAST_TOKEN = ? AND FIRST_TOKEN = ?) OR "
                + "(LAST_TOKEN = ? AND FIRST_TOKEN = ?)) AND DELETED_AT IS NULL", limit * 4, p2, p1, p1, p2));
        return found.stream().filter(s -> (NameSearch.startsWith(s.values().get("firstName"), first)
                && NameSearch.startsWith(s.values().get("lastName"), last))
                || (NameSearch.startsWith(s.values().get("lastName"), first)
                        && NameSearch.startsWith(s.values().get("firstName"), last)))
                .limit(limit).toList();
    }
}
