package org.steward.breaches;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.steward.core.PersonId;

/**
 * Who was told about a breach, and when (person ids only: the address stays in the outbox, encrypted).
 *
 * @param person the person
 * @param at when the notice was last attempted
 * @param outcome what became of it
 * @param mailId the outbox id of the mail, when queued
 * @param reason why it was not queued, without personal values
 */
public record PersonNotice(PersonId person, Instant at, NoticeOutcome outcome, Optional<String> mailId,
        String reason) {

    public PersonNotice {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(outcome, "outcome");
        mailId = mailId == null ? Optional.empty() : mailId;
        reason = reason == null ? "" : reason;
    }
}
