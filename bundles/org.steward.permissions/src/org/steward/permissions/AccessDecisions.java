package org.steward.permissions;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.steward.core.Actor;
import org.steward.core.DataClassification;

/**
 * The one access-decision service every module consults in its service layer (design rule 3; ASVS 8.2.1 function
 * level, 8.2.2 record level, 8.2.3 field level, 8.3.1 enforced at a trusted service layer).
 *
 * <p>
 * Deny by default: a user without a profile may do nothing. {@link Actor#system()} may do everything; so may the
 * server console unless configured otherwise. Decisions are answered from an in-memory snapshot of roles, profiles,
 * assignments and sharing rules, rebuilt after every change.
 *
 * <p>
 * {@code decide} and {@code fields} only answer (a client may use them to grey out buttons); the {@code require}
 * methods enforce and write an audit entry for every refusal before throwing.
 */
@ProviderType
public interface AccessDecisions {

    /**
     * May the actor do the operation in the module, and on the record when one is given? Without a record only the
     * profile's operations count (e.g. before a search or a bulk export, which then filters with
     * {@link #visibility(Actor, String, String)}).
     *
     * @throws org.steward.core.ValidationException when the module name is malformed or the record belongs to another
     *             module
     */
    Decision decide(Actor actor, Operation operation, String module, Optional<RecordRef> record);

    default Decision decide(Actor actor, Operation operation, RecordRef record) {
        return decide(actor, operation, record.module(), Optional.of(record));
    }

    /**
     * Enforces {@link #decide}: returns when allowed, otherwise audits the refusal (action {@value #DENIED_ACTION},
     * outcome DENIED, the record as target) and throws.
     *
     * @throws org.steward.core.AccessDeniedException when refused
     */
    void require(Actor actor, Operation operation, String module, Optional<RecordRef> record);

    default void require(Actor actor, Operation operation, RecordRef record) {
        require(actor, operation, record.module(), Optional.of(record));
    }

    /**
     * Which fields of a record type the actor may read and write for a purpose. The module passes its field catalogue
     * with the classification of each field; sensitive and special-category fields are hidden unless the profile grants
     * them, and reachable only after a re-authentication within the configured minutes
     * ({@link FieldAccessPlan#reauthenticationRequired()}).
     */
    FieldAccessPlan fields(Actor actor, String module, String type, Map<String, DataClassification> catalogue,
            Purpose purpose);

    /**
     * Enforces field access for the fields a request touches: for {@link Purpose#EDIT} each must be writable,
     * otherwise readable. Audits and throws on refusal.
     *
     * @return the plan, to mask the rest of the record
     * @throws ReauthenticationRequiredException when the only obstacle is a stale authentication
     * @throws org.steward.core.AccessDeniedException when a field is hidden or read-only
     * @throws org.steward.core.ValidationException when a requested field is not in the catalogue
     */
    FieldAccessPlan requireFields(Actor actor, String module, String type, Map<String, DataClassification> catalogue,
            Purpose purpose, Collection<String> requested);

    /** Which records of a type the actor may list (needs {@link Operation#READ} in the module). */
    RecordVisibility visibility(Actor actor, String module, String type);

    /** The action of the audit entries written for refusals. */
    String DENIED_ACTION = "permission.denied";
}
