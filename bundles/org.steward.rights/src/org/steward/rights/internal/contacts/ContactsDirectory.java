package org.steward.rights.internal.contacts;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.contacts.Contact;
import org.steward.contacts.Contacts;
import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.rights.internal.PersonDirectory;

/**
 * People looked up in the contacts module. Alone in its package and component so that without the contacts module
 * (an optional import) only this component stays unsatisfied.
 */
@Component(service = PersonDirectory.class)
public final class ContactsDirectory implements PersonDirectory {

    private final Contacts contacts;

    @Activate
    public ContactsDirectory(@Reference Contacts contacts) {
        this.contacts = contacts;
    }

    @Override
    public Optional<PersonId> byEmail(String email, Actor actor) {
        return contacts.findByEmail(email, actor).map(Contact::person);
    }

    @Override
    public Optional<String> emailOf(PersonId person) {
        return contacts.byPerson(person, Actor.system()).map(Contact::email).filter(e -> e != null && !e.isBlank());
    }
}
