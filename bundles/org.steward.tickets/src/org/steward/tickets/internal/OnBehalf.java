package org.steward.tickets.internal;

import org.steward.core.Actor;
import org.steward.core.Channel;

/**
 * The same principal acting through the tickets module on another module's data it needs for the helpdesk (linking
 * the requester's contact, the customer's own details): the tickets module has made its own decision and audits it,
 * and the other module records the change under the principal's user id.
 */
final class OnBehalf {

    private OnBehalf() {
    }

    static Actor of(Actor actor) {
        return new Actor(actor.userId(), actor.loginName(), Channel.SYSTEM, actor.sourceAddress(), actor.sessionId(),
                actor.authenticatedAt());
    }
}
