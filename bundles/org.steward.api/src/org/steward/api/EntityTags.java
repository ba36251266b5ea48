package org.steward.api;

import java.time.Instant;

import jakarta.ws.rs.core.EntityTag;

/**
 * Entity tags for optimistic concurrency ({@code ETag} on reads, {@code If-Match} on updates, DESIGN.md rule 13),
 * written once for every module: a record's tag is its id and its last change time, never a value of it.
 */
public final class EntityTags {

    private EntityTags() {
    }

    /** The strong tag of a record version. */
    public static EntityTag of(String id, Instant updatedAt) {
        long stamp = updatedAt == null ? 0 : updatedAt.toEpochMilli();
        return new EntityTag(Integer.toHexString(id.hashCode()) + "-" + Long.toHexString(stamp));
    }

    /**
     * Checks {@code If-Match} against the current version.
     *
     * @throws PreconditionRequiredException when the header is missing
     * @throws PreconditionFailedException when it names no current version ({@code *} matches any)
     */
    public static void requireMatch(String ifMatch, EntityTag current, String what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new PreconditionRequiredException(what);
        }
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals("\"" + current.getValue() + "\"")) {
                return;
            }
        }
        throw new PreconditionFailedException(what);
    }
}
