package org.steward.tickets.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.steward.contacts.Contact;
import org.steward.contacts.ContactDraft;
import org.steward.contacts.ContactId;
import org.steward.contacts.Contacts;
import org.steward.contacts.DataSource;
import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.core.StewardException;

/** The requesters' contacts in the contacts module; active only while that module runs. */
@Component(service = RequesterContacts.class)
public final class ContactsRequesterDirectory implements RequesterContacts {

    private static final int MAX_OTHER_NAMES = 200;

    private final Contacts contacts;
    private final Logger logger;

    @Activate
    public ContactsRequesterDirectory(@Reference Contacts contacts,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this.contacts = contacts;
        this.logger = logger;
    }

    @Override
    public Optional<Known> byEmail(String email, Actor actor) {
        return contacts.findByEmail(email, actor).map(c -> new Known(c.person(), c.restricted()));
    }

    @Override
    public PersonId createFromHelpdesk(String firstName, String lastName, String email, String ticketId, Instant at,
            Actor actor) {
        ContactDraft draft = new ContactDraft(firstName, lastName, email, null, null, null, null, null, null, null,
                null, null, null);
        return contacts.create(draft, DataSource.helpdesk(ticketId, at), actor).person();
    }

    @Override
    public Optional<Address> mailAddress(PersonId person, Actor actor) {
        Optional<Contact> contact = contacts.byPerson(person, actor);
        if (contact.isEmpty() || contact.get().email() == null || contact.get().email().isBlank()) {
            return Optional.empty();
        }
        String language = contact.get().language();
        return Optional.of(new Address(contact.get().email(), language == null || language.isBlank() ? Locale.ENGLISH
                : Locale.forLanguageTag(language)));
    }

    @Override
    public Optional<Own> own(PersonId person, Actor actor) {
        return contacts.byPerson(person, actor).map(c -> new Own(present(c.email()), present(c.phone(), c.mobile()),
                present(c.firstName(), c.lastName())));
    }

    private static List<String> present(String... values) {
        return Stream.of(values).filter(Objects::nonNull).toList();
    }

    @Override
    public List<String> otherPeoplesNames(Collection<String> candidates, PersonId person, Actor actor) {
        List<String> names = new ArrayList<>();
        for (String candidate : candidates) {
            if (names.size() >= MAX_OTHER_NAMES) {
                break;
            }
            try {
                for (Contact c : contacts.find(candidate, 5, actor)) {
                    String full = ((c.firstName() == null ? "" : c.firstName()) + " "
                            + (c.lastName() == null ? "" : c.lastName())).trim();
                    if (!person.equals(c.person()) && !full.isEmpty()
                            && candidate.toLowerCase(Locale.ROOT).contains(full.toLowerCase(Locale.ROOT))) {
                        names.add(full);
                    }
                }
            } catch (StewardException e) {
                logger.warn("A name in a ticket could not be looked up among the contacts: {}", e.getMessage());
            }
        }
        return names;
    }

    @Override
    public Optional<Ref> contactOf(PersonId person, Actor actor) {
        return contacts.byPerson(person, actor).map(c -> new Ref(c.id().value(), c.restricted()));
    }

    @Override
    public Contact update(String contactId, Map<String, String> changes, Actor actor) {
        return contacts.update(new ContactId(contactId), changes, actor);
    }
}
