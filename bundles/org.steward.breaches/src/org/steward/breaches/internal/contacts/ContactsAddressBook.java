package org.steward.breaches.internal.contacts;

import java.util.Locale;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.breaches.Recipient;
import org.steward.breaches.internal.AddressBook;
import org.steward.contacts.Contact;
import org.steward.contacts.Contacts;
import org.steward.core.Actor;
import org.steward.core.PersonId;

/**
 * Looks addresses up in the contacts module. Alone in its package and component so that without the contacts module
 * (an optional import) only this component stays unsatisfied.
 */
@Component(service = AddressBook.class)
public final class ContactsAddressBook implements AddressBook {

    private final Contacts contacts;

    @Activate
    public ContactsAddressBook(@Reference Contacts contacts) {
        this.contacts = contacts;
    }

    @Override
    public Optional<Recipient> lookup(PersonId person, Actor actor) {
        Optional<Contact> contact = contacts.byPerson(person, actor);
        return contact.filter(c -> c.email() != null && !c.email().isBlank())
                .map(c -> new Recipient(person, Optional.of(c.email()), language(c.language())));
    }

    private static Optional<Locale> language(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        Locale locale = Locale.forLanguageTag(tag.trim());
        return locale.getLanguage().isEmpty() ? Optional.empty() : Optional.of(locale);
    }
}
