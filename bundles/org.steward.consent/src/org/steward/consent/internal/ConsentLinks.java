package org.steward.consent.internal;

import org.steward.core.PublicAddress;

/**
 * The addresses of the personal links this module mails: each setting is a path below the server's public address
 * ({@link PublicAddress}, framework property {@code steward.public.url}), or a full address of its own.
 */
final class ConsentLinks {

    private final ConsentConfiguration config;
    private final PublicAddress publicAddress;

    ConsentLinks(ConsentConfiguration config, PublicAddress publicAddress) {
        this.config = config;
        this.publicAddress = publicAddress;
    }

    String confirmation(String token) {
        return publicAddress.link(config.confirmationUrl()) + token;
    }

    String request(String token) {
        return publicAddress.link(config.requestUrl()) + token;
    }

    String unsubscribe(String token) {
        return publicAddress.link(config.unsubscribeUrl()) + token;
    }
}
