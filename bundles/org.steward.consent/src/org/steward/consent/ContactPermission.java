package org.steward.consent;

import org.osgi.annotation.versioning.ProviderType;
import org.steward.core.PersonId;

/**
 * The one decision everything that sends mail must ask (the mail outbox asks it through its sending policy, on
 * queueing and again before every delivery). A purpose that needs consent is allowed only with a current, confirmed
 * consent; {@code service} mail is allowed unless the person is restricted; nothing is allowed for a restricted or
 * unknown person, or after a withdrawal.
 */
@ProviderType
public interface ContactPermission {

    ContactDecision mayContact(PersonId person, String purpose);
}
