package org.steward.contacts;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.steward.core.Actor;
import org.steward.core.PersonId;

/**
 * The contacts service. Every method takes the acting principal, asks the permissions service (module
 * {@code contacts}, record type {@code contact}), refuses a restricted person for everything but reading for rights
 * handling, and writes an audit entry naming the record and fields, never a value.
 */
@ProviderType
public interface Contacts {

    /** The module name used for permissions, audit and the personal-data provider. */
    String MODULE = "contacts";

    /**
     * Creates a contact with a new person id.
     *
     * @throws org.steward.core.ValidationException naming every bad field
     * @throws PreviouslyErasedException when the e-mail address or phone number belongs to a person erased before
     * @throws org.steward.core.AccessDeniedException when the actor may not create contacts
     */
    Contact create(ContactDraft draft, DataSource source, Actor actor);

    /** Creates a contact although the person was erased before; the override's reason is audited. */
    Contact create(ContactDraft draft, DataSource source, BlocklistOverride override, Actor actor);

    /** @throws org.steward.core.NotFoundException when there is no such contact (or it is in the recycle bin) */
    Contact get(ContactId id, Actor actor);

    /** The contact of a person, if there is one. */
    Optional<Contact> byPerson(PersonId person, Actor actor);

    /** The contact with this e-mail address (exact match through the blind index, case-insensitive). */
    Optional<Contact> findByEmail(String email, Actor actor);

    /** Contacts whose first name, last name or full name starts with the text, or whose e-mail or phone equals it. */
    List<Contact> find(String text, int limit, Actor actor);

    /**
     * Changes fields of a contact. Keys are field names of the catalogue ({@code firstName}, {@code email},
     * {@code address.city}, custom field names, ...); a {@code null} value clears the field.
     *
     * @throws org.steward.core.ProcessingRestrictedException when the person's processing is restricted
     */
    Contact update(ContactId id, Map<String, String> changes, Actor actor);

    /** Records the lawful basis of a purpose for the contact (replacing an earlier one for the same purpose). */
    Contact setLawfulBasis(ContactId id, PurposeBasis basis, Actor actor);

    /** Moves the contact to the recycle bin; it is purged after the recycle-bin period unless restored. */
    void delete(ContactId id, Actor actor);

    /** Takes a contact back out of the recycle bin. */
    Contact restore(ContactId id, Actor actor);

    /** How many contacts (outside the recycle bin) the actor may see. */
    long count(Actor actor);
}
