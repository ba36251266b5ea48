package org.steward.tickets;

import java.util.Optional;
import java.util.UUID;

import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.PersonId;

/**
 * The data subject acting for themself through the portal or a web form: an {@link Actor} of channel
 * {@link Channel#PORTAL} whose user id is {@code person:<person id>}. The portal builds it after it has established
 * who the customer is (a signed link, a portal login); the tickets service lets it see and change only that
 * person's own tickets and contact details.
 */
public final class CustomerActor {

    /** The prefix of a customer's user id. */
    public static final String PREFIX = "person:";

    private CustomerActor() {
    }

    public static Actor of(PersonId person, Optional<String> sourceAddress, Optional<String> sessionId) {
        return new Actor(PREFIX + person, "customer", Channel.PORTAL, sourceAddress, sessionId);
    }

    public static Actor of(PersonId person) {
        return of(person, Optional.empty(), Optional.empty());
    }

    /** The person a customer actor stands for; empty for staff, the console and the system. */
    public static Optional<PersonId> personOf(Actor actor) {
        if (actor == null || actor.channel() != Channel.PORTAL || !actor.userId().startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PersonId(UUID.fromString(actor.userId().substring(PREFIX.length()))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
