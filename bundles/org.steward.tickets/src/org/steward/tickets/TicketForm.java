package org.steward.tickets;

import java.util.List;
import java.util.Optional;

/**
 * The web form a ticket came from, as evidence for the consents ticked on it.
 *
 * @param formName the form's name, e.g. {@code support-contact}
 * @param ipAddress the submitter's address (stored encrypted by the consent module)
 * @param userAgent the submitter's browser (stored encrypted by the consent module)
 * @param consents the ticked checkboxes; nothing is ever pre-ticked
 */
public record TicketForm(String formName, Optional<String> ipAddress, Optional<String> userAgent,
        List<FormConsent> consents) {

    public TicketForm {
        formName = formName == null || formName.isBlank() ? "ticket-form" : formName.strip();
        ipAddress = ipAddress == null ? Optional.empty() : ipAddress;
        userAgent = userAgent == null ? Optional.empty() : userAgent;
        consents = consents == null ? List.of() : List.copyOf(consents);
    }

    public static TicketForm of(String formName, String ipAddress, String userAgent, List<FormConsent> consents) {
        return new TicketForm(formName, Optional.ofNullable(ipAddress), Optional.ofNullable(userAgent), consents);
    }
}
