package org.steward.contacts.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.osgi.service.log.Logger;
import org.steward.contacts.BlocklistOverride;
import org.steward.contacts.PreviouslyErasedException;
import org.steward.core.PersonId;
import org.steward.encryption.BlocklistEntry;
import org.steward.encryption.ErasureBlocklist;

/**
 * The erasure blocklist as contacts use it: a person erased before is refused unless overridden, an erased person's
 * identifiers are recorded. The blocklist service is optional: without it the check cannot be made, which is logged.
 */
final class ErasureChecks {

    private final Logger logger;
    private final Supplier<ErasureBlocklist> blocklist;

    ErasureChecks(Logger logger, Supplier<ErasureBlocklist> blocklist) {
        this.logger = logger;
        this.blocklist = blocklist;
    }

    /**
     * Refuses a person erased before unless {@code override} is given; returns the erasure that was overridden, for
     * the caller to record with the new record. Without a blocklist service (not installed) the check cannot be made:
     * logged as a warning, and the creation goes on.
     */
    Optional<BlocklistEntry> check(Collection<String> indexes, Optional<BlocklistOverride> override,
            String recordType) {
        List<String> present = indexes.stream().filter(i -> i != null).toList();
        if (present.isEmpty()) {
            return Optional.empty();
        }
        ErasureBlocklist list = blocklist.get();
        if (list == null) {
            logger.warn("No erasure blocklist service is installed: a {} was created without checking whether the "
                    + "person was erased before", recordType);
            return Optional.empty();
        }
        Optional<BlocklistEntry> match = list.match(present);
        if (match.isPresent() && override.isEmpty()) {
            throw new PreviouslyErasedException("A person with this e-mail address or phone number was erased on "
                    + match.get().erasedAt() + "; creating the " + recordType + " needs an override with a reason");
        }
        return match;
    }

    /** Whether any of the identifiers belongs to a person erased before (false without a blocklist service). */
    boolean blocklisted(Collection<String> indexes) {
        ErasureBlocklist list = blocklist.get();
        List<String> present = indexes.stream().filter(i -> i != null).toList();
        return list != null && !present.isEmpty() && list.match(present).isPresent();
    }

    /** Records an erased person's identifiers, so that re-entry is flagged. */
    void recordErasure(PersonId person, Collection<String> indexes) {
        if (indexes.isEmpty()) {
            return;
        }
        ErasureBlocklist list = blocklist.get();
        if (list == null) {
            logger.warn("No erasure blocklist service is installed: erased person {} is not recorded in it", person);
            return;
        }
        list.add(person, List.copyOf(new java.util.LinkedHashSet<>(indexes)), "contacts-erasure");
    }
}
