package org.steward.audit;

import java.util.List;
import java.util.OptionalLong;

/**
 * One page of entries.
 *
 * @param entries the entries in the query's order
 * @param next the cursor for the following page ({@link AuditQuery#next(AuditPage)}), empty on the last page
 */
public record AuditPage(List<AuditEntry> entries, OptionalLong next) {

    public AuditPage {
        entries = List.copyOf(entries);
        next = next == null ? OptionalLong.empty() : next;
    }

    public boolean hasMore() {
        return next.isPresent();
    }
}
