package org.steward.consent;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.steward.core.ValidationException;

/**
 * A consent box ticked on a web form, waiting for the double opt-in.
 *
 * @param email the address typed in; the confirmation mail goes there
 * @param purpose the purpose consented to
 * @param formName which form (a stable name, no personal value)
 * @param textVersion the version of the consent text the form showed; 0 for the current one
 * @param ipAddress the submitter's address (stored encrypted), if known
 * @param userAgent the submitter's browser (stored encrypted), if known
 * @param language the language of the form; the confirmation mail is written in it
 * @param at when the form was submitted
 */
public record WebFormSubmission(String email, String purpose, String formName, int textVersion,
        Optional<String> ipAddress, Optional<String> userAgent, Locale language, Instant at) {

    public WebFormSubmission {
        if (email == null || email.isBlank()) {
            throw new ValidationException("email", "is required");
        }
        if (purpose == null || purpose.isBlank()) {
            throw new ValidationException("purpose", "is required");
        }
        if (formName == null || formName.isBlank()) {
            throw new ValidationException("formName", "is required");
        }
        if (textVersion < 0) {
            throw new ValidationException("textVersion", "cannot be negative");
        }
        ipAddress = ipAddress == null ? Optional.empty() : ipAddress.filter(s -> !s.isBlank());
        userAgent = userAgent == null ? Optional.empty() : userAgent.filter(s -> !s.isBlank());
        language = language == null ? Locale.ENGLISH : language;
    }

    public static WebFormSubmission of(String email, String purpose, String formName, String ip, String userAgent,
            Locale language, Instant at) {
        return new WebFormSubmission(email, purpose, formName, 0, Optional.ofNullable(ip),
                Optional.ofNullable(userAgent), language, at);
    }
}
