package org.steward.consent.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.steward.consent.ConsentState;
import org.steward.consent.DataSubjects;
import org.steward.core.AccessDeniedException;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.PersonId;
import org.steward.testing.Osgi;

/** Staff need MANAGE_CONSENT on consent; the person themself may handle only their own consent. */
class AccessTest {

    private final ConsentFixture f;

    AccessTest() throws Exception {
        f = ConsentFixture.get(Osgi.context(AccessTest.class));
    }

    @Test
    void staffWithoutAProfileAndOtherPeopleAreRefused() {
        PersonId person = f.contact(ConsentFixture.uniqueEmail("access")).person();
        PersonId other = f.contact(ConsentFixture.uniqueEmail("other")).person();
        Actor nobody = new Actor("u-nobody", "nobody", Channel.CLIENT, Optional.empty(), Optional.empty());
        assertThrows(AccessDeniedException.class,
                () -> f.consents().grant(person, "newsletter", f.formProof(1), nobody));
        assertThrows(AccessDeniedException.class, () -> f.consents().history(person, nobody));
        assertThrows(AccessDeniedException.class, () -> f.cookies().current(person, nobody));
        assertThrows(AccessDeniedException.class,
                () -> f.purposes().define("anything", "", true, nobody));

        Actor self = DataSubjects.actor(person);
        assertEquals(ConsentState.GRANTED, f.consents().grant(person, "newsletter", f.formProof(1), self).state(),
                "the person may give their own consent");
        assertEquals(ConsentState.WITHDRAWN, f.consents().withdraw(person, "newsletter", f.withdrawalProof(), self)
                .state(), "and withdraw it the same way");
        assertThrows(AccessDeniedException.class,
                () -> f.consents().grant(other, "newsletter", f.formProof(1), self), "but not someone else's");
        assertTrue(f.consents().history(person, self).size() == 2);
    }
}
