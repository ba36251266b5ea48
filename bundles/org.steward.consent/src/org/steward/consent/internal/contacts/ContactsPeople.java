package org.steward.consent.internal.contacts;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.consent.WebFormSubmission;
import org.steward.consent.internal.People;
import org.steward.contacts.Contact;
import org.steward.contacts.ContactDraft;
import org.steward.contacts.ContactId;
import org.steward.contacts.Contacts;
import org.steward.contacts.DataSource;
import org.steward.core.Actor;
import org.steward.core.NotFoundException;
import org.steward.core.PersonId;

/**
 * {@link People} backed by the contacts module. The only class of consent that touches the contacts API: it is loaded
 * when SCR activates it, which happens only while a {@link Contacts} service is there (the import is optional).
 */
@Component(service = People.class)
public final class ContactsPeople implements People {

    private final Contacts contacts;

    @Activate
    public ContactsPeople(@Reference Contacts contacts) {
        this.contacts = contacts;
    }

    private static Person person(Contact contact) {
        return new Person(contact.person(), contact.id().value(), contact.email(), contact.language(),
                contact.restricted());
    }

    @Override
    public Optional<Person> byEmail(String email, Actor actor) {
        return contacts.findByEmail(email, actor).map(ContactsPeople::person);
    }

    @Override
    public Optional<Person> byPerson(PersonId person, Actor actor) {
        return contacts.byPerson(person, actor).map(ContactsPeople::person);
    }

    @Override
    public Found findOrCreate(WebFormSubmission submission, String email, Actor actor) {
        Optional<Contact> found = contacts.findByEmail(email, actor);
        if (found.isPresent()) {
            return new Found(person(found.get()), false);
        }
        String language = submission.language().getLanguage();
        ContactDraft draft = new ContactDraft(null, null, email, null, null, null, null,
                language.isEmpty() ? null : language, null, null, null, null, null);
        Contact created = contacts.create(draft, DataSource.webForm(submission.formName(),
                submission.ipAddress().orElse(null), submission.userAgent().orElse(null), submission.at()), actor);
        return new Found(person(created), true);
    }

    @Override
    public boolean deleteIfUntouched(String contactId, Actor actor) {
        try {
            ContactId id = new ContactId(contactId);
            Contact contact = contacts.get(id, actor);
            boolean untouched = contact.sources().size() <= 1 && contact.lawfulBases().isEmpty()
                    && (contact.updatedAt() == null || !contact.updatedAt().isAfter(contact.createdAt()));
            if (!untouched) {
                return false;
            }
            contacts.delete(id, actor);
            return true;
        } catch (NotFoundException gone) {
            return true;
        }
    }
}
