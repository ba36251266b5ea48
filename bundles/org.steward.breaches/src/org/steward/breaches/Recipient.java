package org.steward.breaches;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.steward.core.PersonId;

/**
 * A person to tell about a breach (Art. 34). Without an address, the address and language are looked up in the
 * contacts module when it is installed.
 *
 * @param person the person's id
 * @param email the address, when known from elsewhere
 * @param language the language of the notice, when known; English otherwise
 */
public record Recipient(PersonId person, Optional<String> email, Optional<Locale> language) {

    public Recipient {
        Objects.requireNonNull(person, "person");
        email = email == null ? Optional.empty() : email.map(String::strip).filter(e -> !e.isEmpty());
        language = language == null ? Optional.empty() : language;
    }

    /** A person whose address is looked up in the contacts module. */
    public static Recipient of(PersonId person) {
        return new Recipient(person, Optional.empty(), Optional.empty());
    }
}
