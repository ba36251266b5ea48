package org.steward.api;

import java.util.List;

/**
 * One page of a list (DESIGN.md rule 13: cursor paging, {@value #DEFAULT_LIMIT} by default, at most
 * {@value #MAX_LIMIT}).
 *
 * @param items the records of the page
 * @param next the cursor of the next page, {@code null} on the last page; opaque to the client
 */
public record Page<T>(List<T> items, String next) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    public Page {
        items = List.copyOf(items);
    }

    /**
     * The page size a client asked for.
     *
     * @throws org.steward.core.ValidationException naming {@code limit} when it is below 1 or above the maximum
     */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw new org.steward.core.ValidationException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }
}
