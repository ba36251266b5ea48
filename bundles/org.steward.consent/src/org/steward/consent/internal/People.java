package org.steward.consent.internal;

import java.util.Optional;

import org.steward.consent.WebFormSubmission;
import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.core.UnavailableException;

/**
 * The people the contacts module knows, as far as consent needs them: an address to mail, a language, whether the
 * contact is restricted. Registered by {@code ContactsPeople} only while the contacts module runs, so that no class of
 * the (optional) contacts API is loaded without it; consent's components take it as an optional dynamic reference.
 */
public interface People {

    /** What consent knows of a contact. */
    record Person(PersonId person, String contactId, String email, String language, boolean restricted) {
    }

    /** A submission's contact, and whether the submission created it. */
    record Found(Person person, boolean created) {
    }

    Optional<Person> byEmail(String email, Actor actor);

    Optional<Person> byPerson(PersonId person, Actor actor);

    /** The contact with the submission's (normalised) address, created from the submission when there is none. */
    Found findOrCreate(WebFormSubmission submission, String email, Actor actor);

    /**
     * Deletes (to the contacts recycle bin) a contact a submission created, only when it is unchanged since: one
     * source, no lawful basis recorded, not updated. True when it was deleted or is gone already.
     */
    boolean deleteIfUntouched(String contactId, Actor actor);

    /** The service, or the error that says what is missing. */
    static People required(People people, String what) {
        if (people == null) {
            throw new UnavailableException("The contacts module is not installed: " + what + " needs it.");
        }
        return people;
    }
}
