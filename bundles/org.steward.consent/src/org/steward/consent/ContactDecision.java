package org.steward.consent;

/**
 * The answer to "may we contact this person for this purpose?".
 *
 * @param allowed whether mail for the purpose may be sent now
 * @param reason in words, without personal values: which consent or lawful basis allows it, or why not
 */
public record ContactDecision(boolean allowed, String reason) {
    public static ContactDecision allow(String reason) {
        return new ContactDecision(true, reason);
    }

    public static ContactDecision refuse(String reason) {
        return new ContactDecision(false, reason);
    }
}
