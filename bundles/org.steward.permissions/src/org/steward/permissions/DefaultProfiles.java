package org.steward.permissions;

import java.util.List;

/**
 * The profiles created on first start. See {@code docs/PERMISSIONS.md} for what each grants. They cannot be deleted;
 * the Administrator profile cannot be changed, so that an installation always keeps one profile that can repair the
 * others. Copy a default profile to make a variant ({@link PermissionAdministration#createProfile}). Apart from the
 * Administrator's and the Privacy officer's grants for every module, what a default profile grants in a module is
 * contributed by that module ({@link ModuleGrants}, since 1.1); the descriptions below are those of the modules
 * Steward ships.
 */
public final class DefaultProfiles {

    /** Every operation in every module, every record, every field (sensitive ones after re-authentication). */
    public static final String ADMINISTRATOR = "Administrator";
    /** Read, export, erase, manage consent, view audit everywhere; sensitive fields read-only; no business edits. */
    public static final String PRIVACY_OFFICER = "Privacy officer";
    /** Contacts and leads: read, create, edit, export of non-sensitive fields. */
    public static final String SALES = "Sales";
    /** Tickets: read, create, edit; contacts: read, edit; no export. */
    public static final String SUPPORT_AGENT = "Support agent";
    /** Read non-sensitive fields of contacts, tickets and consent. */
    public static final String READ_ONLY = "Read-only";

    public static final List<String> ALL = List.of(ADMINISTRATOR, PRIVACY_OFFICER, SALES, SUPPORT_AGENT, READ_ONLY);

    private DefaultProfiles() {
    }
}
