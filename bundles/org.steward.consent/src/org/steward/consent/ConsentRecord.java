package org.steward.consent;

import java.time.Instant;
import java.util.Optional;

import org.steward.core.PersonId;

/**
 * One event in the history of a person's consent to a purpose; the newest record is the current state.
 *
 * @param confirmedAt when the double opt-in was confirmed; empty for consent given without double opt-in
 */
public record ConsentRecord(String id, PersonId person, String purpose, ConsentState state, ConsentProof proof,
        Optional<Instant> confirmedAt, Instant recordedAt, String recordedBy) {
}
