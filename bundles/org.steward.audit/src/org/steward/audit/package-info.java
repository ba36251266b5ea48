/**
 * The append-only, hash-chained audit log: who did what, when, from where, to which record and which fields, with
 * which outcome. Entries never hold a plaintext personal value, only ids, so the chain stays verifiable after a person
 * is erased. Modules record through {@link org.steward.audit.AuditLog#append(AuditEvent)}.
 */
@org.osgi.annotation.versioning.Version("1.2.0")
package org.steward.audit;
