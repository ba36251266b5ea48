/**
 * The one access-decision service every Steward module consults (design rule 3, OWASP ASVS 8.2.1-8.2.3, 8.3.1):
 * operations per module (function level), owner, role hierarchy and sharing rules (record level), and hidden,
 * read-only or read-write fields (field level), with a recent re-authentication required before a sensitive value is
 * revealed or exported. Modules enforce in their services through {@link org.steward.permissions.AccessDecisions};
 * administrators change roles, profiles, assignments and sharing through
 * {@link org.steward.permissions.PermissionAdministration}. Every enforced denial and every change is audited. Since
 * 1.1 each module contributes its operations and the default profiles' grants in it as a
 * {@link org.steward.permissions.ModuleGrants} service, so that this module lists no other module.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.steward.permissions;
