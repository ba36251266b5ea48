package org.steward.consent;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.steward.core.Actor;
import org.steward.core.PersonId;

/**
 * Consent records. Every call takes the acting principal (the person themself comes through {@link
 * org.steward.core.Channel#PORTAL}), is checked by the permissions service (operation {@code MANAGE_CONSENT} of module
 * {@code consent} for staff) and audited without personal values.
 */
@ProviderType
public interface Consents {

    /** The module name used for permissions, audit and the personal-data provider. */
    String MODULE = "consent";

    /**
     * Records a consent given (without double opt-in: the proof shows how it was given).
     *
     * @throws org.steward.core.ValidationException when the purpose is unknown or the text version does not exist
     * @throws org.steward.core.ProcessingRestrictedException when the person's processing is restricted
     */
    ConsentRecord grant(PersonId person, String purpose, ConsentProof proof, Actor actor);

    /** Records a withdrawal; as easy as giving, and takes effect at once for queued mail too. */
    ConsentRecord withdraw(PersonId person, String purpose, ConsentProof proof, Actor actor);

    /** The current state for one purpose, if the person ever had a record for it. */
    Optional<ConsentRecord> current(PersonId person, String purpose, Actor actor);

    /** Every record of the person, oldest first. */
    List<ConsentRecord> history(PersonId person, Actor actor);
}
