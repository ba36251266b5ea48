package org.steward.persistence;

import java.util.Objects;

/**
 * A module's persistence unit and the schema version its code expects.
 *
 * @param name the persistence-unit name in the bundle's {@code META-INF/persistence.xml}
 * @param schemaVersion the schema version the module's code expects, from 1
 * @param migration brings older schemas up to {@code schemaVersion}; tables and columns that are only added need no
 *            migration, they are created or extended automatically
 */
public record PersistenceUnit(String name, int schemaVersion, SchemaMigration migration) {

    public PersistenceUnit {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("a unit name is lower-case letters, digits, '.', '_' or '-'");
        }
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion starts at 1");
        }
        migration = migration == null ? SchemaMigration.NONE : migration;
    }

    public static PersistenceUnit of(String name, int schemaVersion) {
        return new PersistenceUnit(name, schemaVersion, SchemaMigration.NONE);
    }
}
