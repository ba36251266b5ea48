package org.steward.tickets;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;
import org.steward.contacts.Contact;
import org.steward.core.Actor;
import org.steward.core.PersonId;

/**
 * Self-service through the helpdesk: the customer changes their own contact details. A service of its own, registered
 * only while the contacts module runs, because its result is a contacts type: were it a method of {@link Tickets},
 * the tickets component could not be loaded without the contacts module (Declarative Services reflects over every
 * method of a component class). Without the service, callers say that the contacts module is not installed.
 *
 * @since 2.0
 */
@ProviderType
public interface CustomerContactDetails {

    /**
     * Changes the customer's own contact details (field names of the contacts catalogue: {@code firstName},
     * {@code lastName}, {@code phone}, {@code mobile}, {@code language}, {@code address.*}). The e-mail address
     * identifies the customer and is refused with a validation error naming {@code email}; only the customer
     * themself ({@link CustomerActor}) may call it, and a restricted person is refused.
     */
    Contact updateOwnContact(PersonId person, Map<String, String> changes, Actor actor);
}
