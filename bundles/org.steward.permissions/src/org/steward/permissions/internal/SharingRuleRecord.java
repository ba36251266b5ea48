package org.steward.permissions.internal;

import java.util.Optional;

import org.steward.permissions.Grantee;
import org.steward.permissions.ShareAccess;
import org.steward.permissions.SharingRule;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** One row of {@code PERM_SHARING_RULE}. */
@Entity
@Table(name = "PERM_SHARING_RULE", indexes = {
        @Index(name = "PERM_SHARING_RECORD", columnList = "MODULE_NAME, RECORD_TYPE, RECORD_ID"),
        @Index(name = "PERM_SHARING_GRANTEE", columnList = "GRANTEE_KIND, GRANTEE_ID") })
public class SharingRuleRecord {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "MODULE_NAME", nullable = false, length = 100)
    private String module;

    /** Empty text for an owner rule over every type. */
    @Column(name = "RECORD_TYPE", length = 100)
    private String recordType;

    @Column(name = "RECORD_ID", length = 200)
    private String recordId;

    @Column(name = "OWNER_USER_ID", length = 200)
    private String ownerUserId;

    @Column(name = "GRANTEE_KIND", nullable = false, length = 8)
    private String granteeKind;

    @Column(name = "GRANTEE_ID", nullable = false, length = 200)
    private String granteeId;

    @Column(name = "SUBORDINATES", nullable = false)
    private boolean subordinates;

    @Column(name = "ACCESS_LEVEL", nullable = false, length = 16)
    private String access;

    protected SharingRuleRecord() {
    }

    SharingRuleRecord(String id, SharingRule rule) {
        this.id = id;
        this.module = rule.module();
        this.recordType = rule.type();
        this.recordId = rule.recordId().orElse(null);
        this.ownerUserId = rule.ownerUserId().orElse(null);
        this.granteeKind = rule.grantee().kind().name();
        this.granteeId = rule.grantee().id();
        this.subordinates = rule.grantee().includeSubordinates();
        this.access = rule.access().name();
    }

    SharingRule toRule() {
        return new SharingRule(id, module, recordType == null ? "" : recordType, Optional.ofNullable(recordId),
                Optional.ofNullable(ownerUserId),
                new Grantee(Grantee.Kind.valueOf(granteeKind), granteeId, subordinates), ShareAccess.valueOf(access));
    }
}
