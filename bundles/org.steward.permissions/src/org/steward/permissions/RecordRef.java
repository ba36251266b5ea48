package org.steward.permissions;

import java.util.Optional;

import org.steward.core.ValidationException;

/**
 * A record of another module, as that module passes it for a decision: the permissions module never reads other
 * modules' tables (design rule 1), so the module names the record and its owner.
 *
 * @param module the module that owns the record, e.g. {@code contacts}
 * @param type the record type, e.g. {@code contact}
 * @param id the record's technical id (never a personal value)
 * @param ownerUserId the user id of the record's owner; empty for a record nobody owns (only profiles that see every
 *            record of the module, and sharing rules on the record itself, reach it)
 */
public record RecordRef(String module, String type, String id, Optional<String> ownerUserId) {

    public RecordRef {
        module = Names.module("module", module);
        type = Names.type("type", type);
        if (id == null || id.isBlank()) {
            throw new ValidationException("id", "is required");
        }
        id = id.trim();
        if (id.length() > 200) {
            throw new ValidationException("id", "is longer than 200 characters");
        }
        ownerUserId = ownerUserId == null ? Optional.empty()
                : ownerUserId.map(String::trim).filter(o -> !o.isEmpty());
    }

    /** A record owned by a user. */
    public RecordRef(String module, String type, String id, String ownerUserId) {
        this(module, type, id, Optional.ofNullable(ownerUserId));
    }

    /** A record without an owner. */
    public static RecordRef unowned(String module, String type, String id) {
        return new RecordRef(module, type, id, Optional.empty());
    }
}
