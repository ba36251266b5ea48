package org.steward.consent;

import java.time.Instant;
import java.util.Optional;

import org.steward.core.PersonId;

/**
 * The cookie choices in force for a person, with the proof of how they were made.
 *
 * @param proof empty when the person never chose (then every optional category is off)
 */
public record CookiePreference(PersonId person, CookieChoices choices, Optional<ConsentProof> proof,
        Optional<Instant> recordedAt) {
}
