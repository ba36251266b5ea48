package org.steward.tickets.internal;

import java.time.Instant;

import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.tickets.TicketForm;

/**
 * Records the consents ticked on a ticket form. Provided by {@link ConsentFormRecorder} only while the consent module
 * runs: the tickets module imports the consent API optionally and keeps every use of it behind this interface.
 */
public interface FormConsents {

    /** The message of every feature that needs the consent module while it is absent. */
    String ABSENT = "The consent module is not installed";

    /** Records every consent of the form for the person, with the form as proof. */
    void record(PersonId person, TicketForm form, Instant at, Actor subject);
}
