package org.steward.permissions.internal;

import org.steward.permissions.FieldAccess;
import org.steward.permissions.FieldRule;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row of {@code PERM_FIELD_RULE}: an explicit field permission of a profile. */
@Entity
@Table(name = "PERM_FIELD_RULE")
public class FieldRuleRecord {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "PROFILE_NAME", nullable = false, length = 64)
    private String profile;

    @Column(name = "MODULE_NAME", nullable = false, length = 100)
    private String module;

    @Column(name = "RECORD_TYPE", nullable = false, length = 100)
    private String recordType;

    @Column(name = "FIELD_NAME", nullable = false, length = 64)
    private String field;

    @Column(name = "ACCESS_LEVEL", nullable = false, length = 16)
    private String access;

    protected FieldRuleRecord() {
    }

    FieldRuleRecord(String id, String profile, FieldRule rule) {
        this.id = id;
        this.profile = profile;
        this.module = rule.module();
        this.recordType = rule.type();
        this.field = rule.field();
        this.access = rule.access().name();
    }

    String profile() {
        return profile;
    }

    void access(FieldAccess value) {
        this.access = value.name();
    }

    FieldRule toRule() {
        return new FieldRule(module, recordType, field, FieldAccess.valueOf(access));
    }
}
