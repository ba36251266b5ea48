package org.steward.core.spi;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;
import org.steward.core.Actor;
import org.steward.core.PersonId;

/**
 * What one module holds about people, and how to hand it over, correct it, lock it and erase it. Register an instance
 * as an OSGi service (whiteboard); the rights module finds every provider dynamically, so a stopped or removed module
 * simply drops out of new requests.
 *
 * <p>Every method must be idempotent: a rights request that was interrupted by a crash is replayed from its journal and
 * may call a provider again for a person it has already handled.
 */
@ConsumerType
public interface PersonalDataProvider {

    /** Service property naming the module, the same value as {@link #module()}. */
    String MODULE_PROPERTY = "steward.module";

    /** A short stable module name ({@code contacts}, {@code tickets}, ...), used in exports and journals. */
    String module();

    /** What the module holds: categories, fields and their classification, purposes, recipients, retention. */
    DataDescription describe();

    /** Every record the module holds about the person, fields included, for access and portability (Art. 15, 20). */
    PersonalDataExport export(PersonId person, Actor actor);

    /**
     * Corrects fields of the person's records (Art. 16). Keys are field names from {@link #describe()}; a field the
     * module does not hold is a validation error naming it, and nothing is changed.
     *
     * @return how many records were changed
     */
    int rectify(PersonId person, Map<String, String> corrections, Actor actor);

    /** Sets or lifts the restriction lock (Art. 18); while set, the module refuses everything but storage. */
    void restrict(PersonId person, boolean restricted, Actor actor);

    /** Whether the module currently holds the restriction lock for the person. */
    boolean isRestricted(PersonId person);

    /**
     * Erases the person's data (Art. 17): deletes it, or anonymises records kept for statistics, and reports what it
     * kept under a legal obligation.
     */
    ErasureOutcome erase(PersonId person, Actor actor);
}
