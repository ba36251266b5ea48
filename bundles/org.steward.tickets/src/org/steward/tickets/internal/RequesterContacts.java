package org.steward.tickets.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.steward.contacts.Contact;
import org.steward.core.Actor;
import org.steward.core.PersonId;

/**
 * What the helpdesk needs of the requesters' contacts. Provided by {@link ContactsRequesterDirectory} only while the
 * contacts module runs: the tickets module imports the contacts API optionally and keeps every use of it behind this
 * interface, so that its other classes load and work without that module.
 */
public interface RequesterContacts {

    /** The message of every feature that needs the contacts module while it is absent. */
    String ABSENT = "The contacts module is not installed";

    /** A known contact: their person and whether their processing is restricted in the contacts module. */
    record Known(PersonId person, boolean restricted) {
    }

    /** Where to mail a requester. */
    record Address(String email, Locale language) {
    }

    /** The requester's own values, kept in their export. */
    record Own(List<String> emails, List<String> phones, List<String> names) {
    }

    /** A contact's id, for the audit of a change, and whether its processing is restricted. */
    record Ref(String contactId, boolean restricted) {
    }

    Optional<Known> byEmail(String email, Actor actor);

    /** Creates the contact of an unknown sender, source "helpdesk" with the ticket as the reference. */
    PersonId createFromHelpdesk(String firstName, String lastName, String email, String ticketId, Instant at,
            Actor actor);

    /** Empty when the person has no contact or no e-mail address. */
    Optional<Address> mailAddress(PersonId person, Actor actor);

    Optional<Own> own(PersonId person, Actor actor);

    /** Of the candidate names, the full names of contacts other than {@code person} (at most 200). */
    List<String> otherPeoplesNames(Collection<String> candidates, PersonId person, Actor actor);

    Optional<Ref> contactOf(PersonId person, Actor actor);

    Contact update(String contactId, Map<String, String> changes, Actor actor);
}
