package org.steward.encryption;

import java.util.Collection;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.steward.core.PersonId;

/**
 * The record of erased people, kept as keyed hashes only ({@link BlindIndex} values of their e-mail addresses and
 * phone numbers): enough to flag that a person being created or imported was erased before, nothing to learn who
 * they were. It lives beside the key store, apart from the business database, so that restoring an old database
 * backup does not forget an erasure (design rule 4).
 */
@ProviderType
public interface ErasureBlocklist {

    /**
     * Records an erasure. Idempotent: recording the same person again adds only indexes not yet listed.
     *
     * @param person the erased person
     * @param blindIndexes the blind indexes of the person's identifiers ({@link BlindIndex#email}, {@link BlindIndex#phone})
     * @param requestReference the rights request that erased the person (a technical id, no personal value)
     */
    void add(PersonId person, Collection<String> blindIndexes, String requestReference);

    /** The first entry matching any of the blind indexes, if the person behind them was erased before. */
    Optional<BlocklistEntry> match(Collection<String> blindIndexes);

    /** Whether the person was recorded as erased. */
    boolean contains(PersonId person);

    /** How many erasures are recorded. */
    int size();
}
