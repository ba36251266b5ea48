package org.steward.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.core.ValidationException;
import org.steward.core.Violation;

/**
 * What a module asks the audit log to record. It names the record and the fields concerned, never their values:
 * <strong>no plaintext personal value may ever be put into an event</strong>, not in the target id (use the record's
 * technical id, never an e-mail address or a name), not in the field names and not in the details. This is what keeps
 * the log lawful to retain and verifiable after a person is erased: erasure never needs to touch it.
 *
 * <p>
 * Build one with {@link #builder(Actor, String)}; {@link AuditLog#append(AuditEvent)} validates it and refuses an
 * invalid event with a {@link ValidationException} naming the field.
 *
 * @param actor who acted, from which channel and address
 * @param action what was done, lower-case dotted words such as {@code contact.read} or {@code contact.export}
 * @param targetModule the module that owns the record, e.g. {@code contacts}
 * @param targetType the kind of record, e.g. {@code contact}
 * @param targetId the record's technical id; empty when the operation concerns no single record
 * @param person the data subject concerned, when there is one
 * @param fields the names of the fields read or changed (names only, never values); at most {@value #MAX_FIELDS}
 * @param outcome how it ended
 * @param details a short explanation of at most {@value #MAX_DETAILS} characters, e.g. the reason of a refusal or the
 *            export format; never a personal value; empty when there is nothing to add
 */
public record AuditEvent(Actor actor, String action, String targetModule, String targetType, String targetId,
        Optional<PersonId> person, List<String> fields, Outcome outcome, String details) {

    /** The longest details text accepted. */
    public static final int MAX_DETAILS = 2000;
    /** The most field names one event may name. */
    public static final int MAX_FIELDS = 200;
    /** The longest field name accepted. */
    public static final int MAX_FIELD_NAME = 64;
    /** The longest action, module or type name accepted. */
    public static final int MAX_NAME = 100;
    /** The longest target id accepted. */
    public static final int MAX_TARGET_ID = 200;
    /** The longest user id, login name, session id or source address accepted. */
    public static final int MAX_ACTOR_TEXT = 200;

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern FIELD_NAME = Pattern.compile("[\\p{L}\\p{N}_.\\-:/\\[\\]]+");

    public AuditEvent {
        action = action == null ? "" : action.trim();
        targetModule = targetModule == null ? "" : targetModule.trim();
        targetType = targetType == null ? "" : targetType.trim();
        targetId = targetId == null ? "" : targetId.trim();
        person = person == null ? Optional.empty() : person;
        fields = fields == null ? List.of() : List.copyOf(fields);
        details = details == null ? "" : details.strip();
    }

    /** Starts an event for an actor and an action; outcome {@link Outcome#SUCCESS} unless set. */
    public static Builder builder(Actor actor, String action) {
        return new Builder(actor, action);
    }

    /** Every reason why this event cannot be recorded, each naming its field; empty when it is valid. */
    public List<Violation> violations() {
        List<Violation> found = new ArrayList<>();
        if (actor == null) {
            found.add(new Violation("actor", "is required"));
        } else {
            length(found, "actor.userId", actor.userId(), MAX_ACTOR_TEXT);
            length(found, "actor.loginName", actor.loginName(), MAX_ACTOR_TEXT);
            length(found, "actor.sourceAddress", actor.sourceAddress().orElse(""), MAX_ACTOR_TEXT);
            length(found, "actor.sessionId", actor.sessionId().orElse(""), MAX_ACTOR_TEXT);
        }
        name(found, "action", action);
        name(found, "targetModule", targetModule);
        name(found, "targetType", targetType);
        length(found, "targetId", targetId, MAX_TARGET_ID);
        if (fields.size() > MAX_FIELDS) {
            found.add(new Violation("fields", "names " + fields.size() + " fields; at most " + MAX_FIELDS
                    + " are accepted, split the event"));
        } else {
            for (int i = 0; i < fields.size(); i++) {
                String field = fields.get(i);
                if (field == null || field.isBlank()) {
                    found.add(new Violation("fields[" + i + "]", "is empty"));
                } else if (field.length() > MAX_FIELD_NAME) {
                    found.add(new Violation("fields[" + i + "]", "is longer than " + MAX_FIELD_NAME + " characters"));
                } else if (!FIELD_NAME.matcher(field).matches()) {
                    found.add(new Violation("fields[" + i + "]",
                            "is not a field name (letters, digits, '_', '.', '-', ':', '/', '[', ']')"));
                }
            }
        }
        if (outcome == null) {
            found.add(new Violation("outcome", "is required"));
        }
        if (details.length() > MAX_DETAILS) {
            found.add(new Violation("details", "has " + details.length() + " characters; at most " + MAX_DETAILS
                    + " are accepted"));
        }
        return found;
    }

    /** Throws a {@link ValidationException} naming every field at fault. */
    public AuditEvent validate() {
        List<Violation> found = violations();
        if (!found.isEmpty()) {
            throw new ValidationException(found);
        }
        return this;
    }

    private static void name(List<Violation> found, String field, String value) {
        if (value.isEmpty()) {
            found.add(new Violation(field, "is required"));
        } else if (value.length() > MAX_NAME) {
            found.add(new Violation(field, "is longer than " + MAX_NAME + " characters"));
        } else if (!NAME.matcher(value).matches()) {
            found.add(new Violation(field, "must be lower-case letters, digits, '.', '_' or '-'"));
        }
    }

    private static void length(List<Violation> found, String field, String value, int max) {
        if (value.length() > max) {
            found.add(new Violation(field, "is longer than " + max + " characters"));
        }
    }

    /** Builds an {@link AuditEvent}. */
    public static final class Builder {
        private final Actor actor;
        private final String action;
        private String targetModule;
        private String targetType;
        private String targetId = "";
        private PersonId person;
        private final List<String> fields = new ArrayList<>();
        private Outcome outcome = Outcome.SUCCESS;
        private String details = "";

        private Builder(Actor actor, String action) {
            this.actor = actor;
            this.action = action;
        }

        /** The record concerned: owning module, record type and technical id (never a personal value). */
        public Builder target(String module, String type, String id) {
            this.targetModule = module;
            this.targetType = type;
            this.targetId = id;
            return this;
        }

        /** The record type concerned, when the operation concerns no single record (a search, a bulk export). */
        public Builder target(String module, String type) {
            return target(module, type, "");
        }

        public Builder person(PersonId person) {
            this.person = person;
            return this;
        }

        /** Adds field names (names only, never values). */
        public Builder fields(String... names) {
            fields.addAll(List.of(names));
            return this;
        }

        public Builder fields(List<String> names) {
            fields.addAll(Objects.requireNonNull(names, "names"));
            return this;
        }

        public Builder outcome(Outcome outcome) {
            this.outcome = outcome;
            return this;
        }

        /** A short explanation; never a personal value. */
        public Builder details(String details) {
            this.details = details;
            return this;
        }

        /** The event, validated. */
        public AuditEvent build() {
            return new AuditEvent(actor, action, targetModule, targetType, targetId, Optional.ofNullable(person),
                    fields, outcome, details).validate();
        }
    }
}
