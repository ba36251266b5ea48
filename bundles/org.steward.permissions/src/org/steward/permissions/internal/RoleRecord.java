package org.steward.permissions.internal;

import java.util.Optional;

import org.steward.permissions.Role;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row of {@code PERM_ROLE}. */
@Entity
@Table(name = "PERM_ROLE")
public class RoleRecord {

    @Id
    @Column(name = "NAME", length = 64)
    private String name;

    @Column(name = "PARENT_NAME", length = 64)
    private String parent;

    @Column(name = "DESCRIPTION", length = 500)
    private String description;

    protected RoleRecord() {
    }

    RoleRecord(String name, String parent, String description) {
        this.name = name;
        this.parent = parent;
        this.description = description;
    }

    String name() {
        return name;
    }

    void parent(String parent) {
        this.parent = parent;
    }

    Role toRole() {
        return new Role(name, Optional.ofNullable(parent), description == null ? "" : description);
    }
}
