package org.steward.consent;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.steward.core.Actor;
import org.steward.core.PersonId;

/** Cookie preferences per person, recorded with proof, changeable at any time, history kept. */
@ProviderType
public interface CookiePreferences {

    /** The preferences in force; {@link CookieChoices#NONE} when the person never chose. */
    CookiePreference current(PersonId person, Actor actor);

    /**
     * Records a choice.
     *
     * @throws org.steward.core.ProcessingRestrictedException when a restricted person's choice switches a category on
     */
    CookiePreference record(PersonId person, CookieChoices choices, ConsentProof proof, Actor actor);

    /** Every choice, oldest first. */
    List<CookiePreference> history(PersonId person, Actor actor);
}
