package org.steward.mail.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.steward.core.PersonId;
import org.steward.mail.OutgoingMail;
import org.steward.mail.SendingPolicy;

/** The registered sending policies and the one answer they give together: may this person get this mail now. */
final class SendingPolicies {

    private final List<SendingPolicy> policies = new CopyOnWriteArrayList<>();

    void add(SendingPolicy policy) {
        policies.add(policy);
    }

    void remove(SendingPolicy policy) {
        policies.remove(policy);
    }

    boolean isEmpty() {
        return policies.isEmpty();
    }

    /** Why the mail may not be sent now; empty to send. */
    Optional<String> refusal(Optional<PersonId> person, String purpose) {
        if (OutgoingMail.SERVICE.equals(purpose) && person.isEmpty()) {
            return Optional.empty();
        }
        if (person.isEmpty()) {
            return Optional.of("mail for purpose '" + purpose + "' must name the person it is addressed to, "
                    + "so that consent can be checked");
        }
        List<SendingPolicy> current = List.copyOf(policies);
        if (current.isEmpty() && !OutgoingMail.SERVICE.equals(purpose)) {
            return Optional.of("no sending policy is registered (the consent module is not running), so mail for "
                    + "purpose '" + purpose + "' cannot be sent");
        }
        for (SendingPolicy policy : current) {
            Optional<String> reason = policy.refusal(person.get(), purpose);
            if (reason != null && reason.isPresent()) {
                return Optional.of("refused by " + policy.getClass().getSimpleName() + ": " + reason.get());
            }
        }
        return Optional.empty();
    }
}
