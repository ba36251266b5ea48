package org.steward.identity.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An access rule kept by identity for a user ({@code user:<id>}) or a role ({@code role:<name>}): the allowed networks
 * (comma-separated CIDR), and for roles whether MFA is required.
 */
@Entity
@Table(name = "IDENTITY_ACCESS_RULE")
public class AccessRuleRecord {

    @Id
    @Column(name = "SUBJECT", length = 240)
    String subject;

    @Column(name = "NETWORKS", length = 4000)
    String networks;

    @Column(name = "MFA_REQUIRED", nullable = false)
    boolean mfaRequired;

    public AccessRuleRecord() {
    }
}
