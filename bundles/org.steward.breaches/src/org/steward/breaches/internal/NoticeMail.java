package org.steward.breaches.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import org.steward.breaches.PersonNotice;
import org.steward.core.PersonId;

/**
 * Queues the breach notice (Art. 34) to one person. Registered by a component that needs the mail module, so that the
 * register resolves and runs without mail, and says so when people are to be told.
 */
public interface NoticeMail {

    /**
     * Renders the notice in the language and queues it.
     *
     * @return the notice as queued, or refused with the reason (never a personal value)
     */
    PersonNotice send(PersonId person, String email, Locale language, Map<String, String> values, Instant at);
}
