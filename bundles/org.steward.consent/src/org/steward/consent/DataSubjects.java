package org.steward.consent;

import java.util.Optional;

import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.PersonId;

/**
 * The actor of a person acting for themself (a portal page, a link from a mail). The consent services let such an
 * actor handle only that person's own consent; staff need {@code MANAGE_CONSENT} on module {@code consent}.
 */
public final class DataSubjects {

    private static final String PREFIX = "person:";

    private DataSubjects() {
    }

    /** The actor of the person themself; no address is recorded (it is a personal value). */
    public static Actor actor(PersonId person) {
        return new Actor(PREFIX + person, "data-subject", Channel.PORTAL, Optional.empty(), Optional.empty());
    }

    /** Whether the actor is the person themself. */
    public static boolean isSelf(Actor actor, PersonId person) {
        return actor.channel() == Channel.PORTAL && actor.userId().equals(PREFIX + person);
    }
}
