package org.steward.contacts.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.steward.contacts.FieldDefinition;
import org.steward.core.DataClassification;
import org.steward.persistence.JdbcTransactions;

/** The fields of a contact: the built-in ones and the custom fields defined in {@code CONTACTS_FIELD}, cached. */
final class Fields {

    private final JdbcTransactions db;
    private volatile List<FieldDefinition> custom = List.of();
    /** Every field by name: the import looks a field up for each value of each row. */
    private volatile Map<String, FieldDefinition> byName = Map.of();

    Fields(JdbcTransactions db) {
        this.db = db;
        reload();
    }

    /** Reads the custom fields again, after a definition or re-classification. */
    void reload() {
        custom = db.read(c -> {
            List<FieldDefinition> found = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT NAME, LABEL, CLASSIFICATION, MAX_LENGTH FROM CONTACTS_FIELD ORDER BY NAME");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new FieldDefinition(rs.getString(1), rs.getString(2),
                            DataClassification.valueOf(rs.getString(3)), false, rs.getInt(4)));
                }
            }
            return List.copyOf(found);
        });
        Map<String, FieldDefinition> names = new HashMap<>();
        for (FieldDefinition f : all()) {
            names.put(f.name(), f);
        }
        byName = Map.copyOf(names);
    }

    List<FieldDefinition> all() {
        List<FieldDefinition> all = new ArrayList<>(BuiltInFields.ALL);
        all.addAll(custom);
        return all;
    }

    Optional<FieldDefinition> field(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    Map<String, DataClassification> classifications() {
        Map<String, DataClassification> map = new LinkedHashMap<>();
        for (FieldDefinition f : all()) {
            map.put(f.name(), f.classification());
        }
        return map;
    }

    List<FieldDefinition> custom() {
        return custom;
    }
}
