package org.steward.contacts;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.steward.core.Actor;

/**
 * Duplicate detection on e-mail address and phone numbers (exact match of the normalised values through the blind
 * index) and merging.
 */
@ProviderType
public interface Duplicates {

    /** Other contacts with the same e-mail address, phone or mobile number as this one. */
    List<ContactId> duplicatesOf(ContactId id, Actor actor);

    /**
     * Merges {@code duplicate} into {@code survivor}: empty fields of the survivor take the duplicate's values, the
     * duplicate's sources, lawful bases, tags and custom values are added, and the duplicate goes to the recycle bin
     * marked as merged. Both must be unrestricted.
     *
     * @throws org.steward.core.ProcessingRestrictedException when either person is restricted
     */
    Contact merge(ContactId survivor, ContactId duplicate, Actor actor);
}
