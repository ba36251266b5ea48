package org.steward.mail.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.steward.core.PersonId;
import org.steward.mail.MailId;
import org.steward.mail.MailRefusedException;
import org.steward.mail.MailState;
import org.steward.mail.MailStatus;
import org.steward.mail.OutgoingMail;
import org.steward.mail.SendingPolicy;
import org.steward.testing.Osgi;

/** The sending-policy whiteboard: asked when a mail is queued and again before each delivery attempt. */
class PolicyTest {

    /** Refuses what it is told to; counts how often it was asked about a person. */
    static final class ScriptedPolicy implements SendingPolicy {
        final Map<PersonId, String> refused = new ConcurrentHashMap<>();

        @Override
        public Optional<String> refusal(PersonId person, String purpose) {
            return Optional.ofNullable(refused.get(person));
        }
    }

    private static MailFixture fixture;
    private static Bundle consent;
    private ServiceRegistration<SendingPolicy> registration;

    /**
     * The consent module is in this runtime for its templates; its own sending policy is stopped with it here, so
     * that these tests see only the policies they register.
     */
    @BeforeAll
    static void setUp() throws Exception {
        fixture = new MailFixture(Osgi.context(PolicyTest.class));
        fixture.configure(MailFixture.outboxSettings("file", 3), null);
        consent = Osgi.bundle(fixture.context, "org.steward.consent");
        consent.stop();
    }

    @AfterAll
    static void restartConsent() throws Exception {
        consent.start();
    }

    @AfterEach
    void unregister() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
    }

    private ScriptedPolicy register() {
        ScriptedPolicy policy = new ScriptedPolicy();
        registration = fixture.context.registerService(SendingPolicy.class, policy, null);
        return policy;
    }

    private static OutgoingMail newsletter(PersonId person) {
        return new OutgoingMail("reader@example.com", Optional.of(person), "newsletter", "News", "Hello\n",
                Optional.empty(), Map.of(), "");
    }

    @Test
    void withoutAnyPolicyOnlyServiceMailIsAccepted() {
        PersonId person = PersonId.random();
        MailRefusedException refused = assertThrows(MailRefusedException.class,
                () -> fixture.outbox().enqueue(newsletter(person)));
        assertTrue(refused.getMessage().contains("no sending policy"), refused.getMessage());
        assertTrue(fixture.outbox().forPerson(person).isEmpty(), "nothing was stored");

        MailId service = fixture.outbox().enqueue(new OutgoingMail("reader@example.com", Optional.of(person),
                OutgoingMail.SERVICE, "Your request", "Done\n", Optional.empty(), Map.of(), ""));
        fixture.awaitState(service, MailState.SENT);
    }

    @Test
    void nonServiceMailMustNameThePerson() {
        register();
        OutgoingMail anonymous = new OutgoingMail("reader@example.com", Optional.empty(), "newsletter", "News",
                "Hello\n", Optional.empty(), Map.of(), "");
        assertThrows(MailRefusedException.class, () -> fixture.outbox().enqueue(anonymous));
    }

    @Test
    void aPolicyRefusesAtEnqueue() {
        ScriptedPolicy policy = register();
        PersonId person = PersonId.random();
        policy.refused.put(person, "no consent for newsletter");
        MailRefusedException refused = assertThrows(MailRefusedException.class,
                () -> fixture.outbox().enqueue(newsletter(person)));
        assertTrue(refused.getMessage().contains("ScriptedPolicy"), "names the policy: " + refused.getMessage());
        assertTrue(refused.getMessage().contains("no consent for newsletter"), refused.getMessage());
        assertTrue(fixture.outbox().forPerson(person).isEmpty());
    }

    @Test
    void aWithdrawalAfterQueuingCancelsTheMailBeforeDelivery() throws Exception {
        ScriptedPolicy policy = register();
        PersonId person = PersonId.random();
        // held first, so that the sender cannot deliver it before the policy changes
        fixture.provider().restrict(person, true, org.steward.core.Actor.system());
        MailId id = fixture.outbox().enqueue(newsletter(person));
        assertEquals(MailState.QUEUED, fixture.outbox().status(id).orElseThrow().state());
        policy.refused.put(person, "consent withdrawn");
        fixture.provider().restrict(person, false, org.steward.core.Actor.system());
        MailStatus cancelled = fixture.awaitState(id, MailState.CANCELLED);
        assertTrue(cancelled.lastError().orElseThrow().contains("consent withdrawn"), cancelled.toString());
        assertEquals(0, cancelled.attempts());
        assertNull(fixture.column(id, "RECIPIENT"), "the content of a cancelled mail is dropped");
        assertNull(fixture.column(id, "SUBJECT"));
    }

    @Test
    void allowedMailIsDelivered() {
        register();
        PersonId person = PersonId.random();
        MailId id = fixture.outbox().enqueue(newsletter(person));
        fixture.awaitState(id, MailState.SENT);
    }
}
