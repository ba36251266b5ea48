package org.steward.permissions;

import java.util.Objects;
import java.util.Optional;

import org.steward.core.ValidationException;

/**
 * Shares records beyond the owner and the role hierarchy: either one record, or every record of one owner in a module
 * (of one type, or of every type when {@code type} is empty).
 *
 * @param id assigned when the rule is stored; empty in a rule not yet stored
 * @param module the module of the records
 * @param type the record type; empty only for an owner rule covering every type of the module
 * @param recordId the shared record, for a record rule
 * @param ownerUserId the owner whose records are shared, for an owner rule
 * @param grantee who receives access
 * @param access read or read-write
 */
public record SharingRule(String id, String module, String type, Optional<String> recordId,
        Optional<String> ownerUserId, Grantee grantee, ShareAccess access) {

    public SharingRule {
        id = id == null ? "" : id.trim();
        module = Names.module("module", module);
        recordId = recordId == null ? Optional.empty() : recordId.map(String::trim).filter(r -> !r.isEmpty());
        ownerUserId = ownerUserId == null ? Optional.empty() : ownerUserId.map(o -> Names.userId("ownerUserId", o));
        if (recordId.isPresent() == ownerUserId.isPresent()) {
            throw new ValidationException("recordId", "give either a record or an owner whose records are shared");
        }
        if (recordId.isPresent() && recordId.get().length() > 200) {
            throw new ValidationException("recordId", "is longer than 200 characters");
        }
        type = type == null || type.isBlank() ? "" : Names.type("type", type);
        if (recordId.isPresent() && type.isEmpty()) {
            throw new ValidationException("type", "is required for a rule that shares one record");
        }
        Objects.requireNonNull(grantee, "grantee");
        Objects.requireNonNull(access, "access");
    }

    /** Shares one record. */
    public static SharingRule forRecord(RecordRef record, Grantee grantee, ShareAccess access) {
        return new SharingRule("", record.module(), record.type(), Optional.of(record.id()), Optional.empty(),
                grantee, access);
    }

    /** Shares every record an owner has in a module (every type). */
    public static SharingRule forOwner(String module, String ownerUserId, Grantee grantee, ShareAccess access) {
        return new SharingRule("", module, "", Optional.empty(), Optional.of(ownerUserId), grantee, access);
    }

    /** Shares every record of one type an owner has in a module. */
    public static SharingRule forOwner(String module, String type, String ownerUserId, Grantee grantee,
            ShareAccess access) {
        return new SharingRule("", module, type, Optional.empty(), Optional.of(ownerUserId), grantee, access);
    }

    /** Whether the rule covers a record of this type. */
    public boolean coversType(String recordType) {
        return type.isEmpty() || type.equals(recordType);
    }

    @Override
    public String toString() {
        return (id.isEmpty() ? "" : id + ": ") + module + "/" + (type.isEmpty() ? "*" : type) + " "
                + recordId.map(r -> "record " + r).orElseGet(() -> "records of owner " + ownerUserId.get()) + " -> "
                + grantee + " " + access;
    }
}
