package org.steward.breaches.internal;

import java.util.Optional;

import org.steward.breaches.Recipient;
import org.steward.core.Actor;
import org.steward.core.PersonId;

/**
 * Where a person's address and language come from. Registered by a component that needs the contacts module, so that
 * the register works, and names what is missing, when contacts is not installed.
 */
public interface AddressBook {

    /** The person's address and language as the actor may see them; empty when none is known. */
    Optional<Recipient> lookup(PersonId person, Actor actor);
}
