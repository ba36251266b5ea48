package org.steward.audit;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import org.steward.core.PersonId;
import org.steward.core.ValidationException;

/**
 * Which entries to list. Every filter is optional and they combine with AND. Pages are keyset pages: pass the
 * {@link AuditPage#next() next} cursor of one page as {@code after} of the next query, which stays correct while
 * entries are appended.
 *
 * @param person entries about this data subject
 * @param actorId entries by this user id
 * @param action entries with exactly this action
 * @param targetModule entries about records of this module
 * @param targetType entries about records of this type
 * @param targetId entries about the record with this id
 * @param from entries recorded at or after this time
 * @param to entries recorded before this time
 * @param after the cursor: entries after this sequence number in the query's order (below it when newest first)
 * @param limit at most this many entries, 1 to {@value #MAX_LIMIT}
 * @param order newest or oldest first
 */
public record AuditQuery(Optional<PersonId> person, Optional<String> actorId, Optional<String> action,
        Optional<String> targetModule, Optional<String> targetType, Optional<String> targetId, Optional<Instant> from,
        Optional<Instant> to, OptionalLong after, int limit, Order order) {

    /** The largest page. */
    public static final int MAX_LIMIT = 1000;
    /** The page size when none is given. */
    public static final int DEFAULT_LIMIT = 100;

    /** The order of a page. */
    public enum Order {
        NEWEST_FIRST, OLDEST_FIRST
    }

    public AuditQuery {
        person = person == null ? Optional.empty() : person;
        actorId = blankToEmpty(actorId);
        action = blankToEmpty(action);
        targetModule = blankToEmpty(targetModule);
        targetType = blankToEmpty(targetType);
        targetId = blankToEmpty(targetId);
        from = from == null ? Optional.empty() : from;
        to = to == null ? Optional.empty() : to;
        after = after == null ? OptionalLong.empty() : after;
        order = order == null ? Order.NEWEST_FIRST : order;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new ValidationException("to", "must be after from");
        }
    }

    private static Optional<String> blankToEmpty(Optional<String> value) {
        return value == null ? Optional.empty() : value.map(String::trim).filter(v -> !v.isEmpty());
    }

    /** Every entry, newest first, {@value #DEFAULT_LIMIT} per page. */
    public static AuditQuery all() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The query for the page after {@code page}. */
    public AuditQuery next(AuditPage page) {
        if (page.next().isEmpty()) {
            throw new IllegalStateException("the page is the last one");
        }
        return new AuditQuery(person, actorId, action, targetModule, targetType, targetId, from, to,
                OptionalLong.of(page.next().getAsLong()), limit, order);
    }

    /** Builds an {@link AuditQuery}. */
    public static final class Builder {
        private PersonId person;
        private String actorId;
        private String action;
        private String targetModule;
        private String targetType;
        private String targetId;
        private Instant from;
        private Instant to;
        private Long after;
        private int limit = DEFAULT_LIMIT;
        private Order order = Order.NEWEST_FIRST;

        private Builder() {
        }

        public Builder person(PersonId person) {
            this.person = person;
            return this;
        }

        public Builder actor(String userId) {
            this.actorId = userId;
            return this;
        }

        public Builder action(String action) {
            this.action = action;
            return this;
        }

        /** Records of a module, of a type, with an id; pass null for what does not matter. */
        public Builder target(String module, String type, String id) {
            this.targetModule = module;
            this.targetType = type;
            this.targetId = id;
            return this;
        }

        /** Entries recorded in {@code [from, to)}; either may be null. */
        public Builder between(Instant from, Instant to) {
            this.from = from;
            this.to = to;
            return this;
        }

        public Builder after(long seq) {
            this.after = seq;
            return this;
        }

        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        public Builder order(Order order) {
            this.order = order;
            return this;
        }

        public Builder oldestFirst() {
            return order(Order.OLDEST_FIRST);
        }

        public AuditQuery build() {
            return new AuditQuery(Optional.ofNullable(person), Optional.ofNullable(actorId),
                    Optional.ofNullable(action), Optional.ofNullable(targetModule), Optional.ofNullable(targetType),
                    Optional.ofNullable(targetId), Optional.ofNullable(from), Optional.ofNullable(to),
                    after == null ? OptionalLong.empty() : OptionalLong.of(after), limit, order);
        }
    }
}
