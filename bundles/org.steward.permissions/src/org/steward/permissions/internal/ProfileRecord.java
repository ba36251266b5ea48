package org.steward.permissions.internal;

import org.steward.permissions.FieldAccess;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row of {@code PERM_PROFILE}. */
@Entity
@Table(name = "PERM_PROFILE")
public class ProfileRecord {

    @Id
    @Column(name = "NAME", length = 64)
    private String name;

    @Column(name = "DESCRIPTION", length = 500)
    private String description;

    @Column(name = "BUILT_IN", nullable = false)
    private boolean builtIn;

    @Column(name = "SENSITIVE_ACCESS", nullable = false, length = 16)
    private String sensitiveAccess;

    protected ProfileRecord() {
    }

    ProfileRecord(String name, String description, boolean builtIn, FieldAccess sensitiveAccess) {
        this.name = name;
        this.description = description;
        this.builtIn = builtIn;
        this.sensitiveAccess = sensitiveAccess.name();
    }

    String name() {
        return name;
    }

    String description() {
        return description == null ? "" : description;
    }

    boolean builtIn() {
        return builtIn;
    }

    FieldAccess sensitiveAccess() {
        return FieldAccess.valueOf(sensitiveAccess);
    }

    void sensitiveAccess(FieldAccess access) {
        this.sensitiveAccess = access.name();
    }
}
