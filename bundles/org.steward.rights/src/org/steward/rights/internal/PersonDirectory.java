package org.steward.rights.internal;

import java.util.Optional;

import org.steward.core.Actor;
import org.steward.core.PersonId;

/**
 * Who a person is by their e-mail address, and where to write to them. Registered by a component that needs the
 * contacts module, so that the rights module resolves, runs and says what is missing when contacts is not installed.
 */
public interface PersonDirectory {

    /** The person with this e-mail address as the actor may see them; empty when nobody has it. */
    Optional<PersonId> byEmail(String email, Actor actor);

    /** The person's e-mail address for a notice; empty when none is known. */
    Optional<String> emailOf(PersonId person);
}
