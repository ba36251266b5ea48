package org.steward.consent;

import java.time.Instant;
import java.util.Optional;

import org.steward.core.Channel;
import org.steward.core.ValidationException;

/**
 * How a consent was given or withdrawn, as evidence (Art. 7(1)): when, through which channel, on which form, which
 * version of the consent text was shown, from which IP address and user agent. The IP address and user agent are
 * stored encrypted.
 *
 * @param textVersion the version of the purpose's consent text shown to the person; 0 for a withdrawal
 */
public record ConsentProof(Instant at, Channel channel, String formName, int textVersion, Optional<String> ipAddress,
        Optional<String> userAgent) {

    public ConsentProof {
        if (at == null) {
            throw new ValidationException("at", "is required");
        }
        if (channel == null) {
            throw new ValidationException("channel", "is required");
        }
        if (textVersion < 0) {
            throw new ValidationException("textVersion", "cannot be negative");
        }
        formName = formName == null ? "" : formName;
        ipAddress = ipAddress == null ? Optional.empty() : ipAddress;
        userAgent = userAgent == null ? Optional.empty() : userAgent;
    }

    /** Proof of a consent given on a web form (or a ticket form). */
    public static ConsentProof webForm(Instant at, String formName, int textVersion, String ip, String userAgent) {
        return new ConsentProof(at, Channel.PORTAL, formName, textVersion, Optional.ofNullable(ip),
                Optional.ofNullable(userAgent));
    }
}
