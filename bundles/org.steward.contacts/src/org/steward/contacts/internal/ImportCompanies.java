package org.steward.contacts.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.steward.core.Uuids;

/**
 * The companies an import links its contacts to, by name (equal ignoring case and accents, as
 * {@link CompanyService} keys them): each distinct name is looked up once per run, not once per row, and a company
 * missing is made with the batch that first names it and written in that batch's transaction. A company name is not
 * personal data.
 */
final class ImportCompanies {

    /** Names remembered per run; a file naming more distinct companies looks the older ones up again. */
    private static final int CACHE = 20_000;

    /** A company the batch creates: id, name, key. */
    record Created(String id, String name, String key) {
    }

    private final Map<String, String> idsByKey = new HashMap<>();

    /**
     * The ids of the companies the batch's rows name, by key; the companies missing are added to {@code created}
     * (made here, written with the batch).
     */
    Map<String, String> resolve(Connection c, List<ImportRows.Row> rows, List<Created> created) throws SQLException {
        Map<String, String> names = new LinkedHashMap<>();
        for (ImportRows.Row row : rows) {
            if (row.company() != null) {
                names.putIfAbsent(CompanyService.key(row.company()), row.company());
            }
        }
        if (names.isEmpty()) {
            return Map.of();
        }
        if (idsByKey.size() + names.size() > CACHE) {
            idsByKey.clear();
        }
        Map<String, String> ids = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT ID FROM CONTACTS_COMPANY WHERE NAME_KEY = ? AND "
                + "DELETED_AT IS NULL ORDER BY CREATED_AT")) {
            for (Map.Entry<String, String> name : names.entrySet()) {
                String id = idsByKey.get(name.getKey());
                if (id == null) {
                    s.setString(1, name.getKey());
                    try (ResultSet rs = s.executeQuery()) {
                        id = rs.next() ? rs.getString(1) : null;
                    }
                }
                if (id == null) {
                    id = Uuids.timeOrdered().toString();
                    created.add(new Created(id, name.getValue(), name.getKey()));
                }
                idsByKey.put(name.getKey(), id);
                ids.put(name.getKey(), id);
            }
        }
        return ids;
    }

    /** Writes the companies a batch made, in its transaction. */
    static void insert(Connection c, List<Created> created, String ownerUserId, long now) throws SQLException {
        List<Object[]> rows = new ArrayList<>(created.size());
        for (Created company : created) {
            rows.add(new Object[] { company.id(), company.name(), company.key(), ownerUserId, now });
        }
        ContactStore.batch(c, "INSERT INTO CONTACTS_COMPANY (ID, NAME, NAME_KEY, OWNER_USER_ID, CREATED_AT) VALUES "
                + "(?, ?, ?, ?, ?)", rows);
    }
}
