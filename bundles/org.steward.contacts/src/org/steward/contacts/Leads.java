package org.steward.contacts;

import org.osgi.annotation.versioning.ProviderType;
import org.steward.core.Actor;

/** Leads (record type {@code lead} of module {@code contacts}); the same rules as contacts apply. */
@ProviderType
public interface Leads {

    /**
     * @throws PreviouslyErasedException when the e-mail address belongs to a person erased before
     */
    Lead create(String firstName, String lastName, String email, String companyName, DataSource source, Actor actor);

    Lead get(String id, Actor actor);

    /** Records activity on the lead (a call, a mail), which restarts its retention period. */
    Lead touch(String id, Actor actor);

    /**
     * Turns the lead into a contact of the same person, carrying its sources over; the lead stays as converted.
     *
     * @throws org.steward.core.ConflictException when the lead was converted before
     */
    Contact convert(String id, Actor actor);

    void delete(String id, Actor actor);
}
