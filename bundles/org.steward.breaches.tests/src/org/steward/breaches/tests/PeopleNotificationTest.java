package org.steward.breaches.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.audit.AuditEntry;
import org.steward.breaches.Breach;
import org.steward.breaches.NoticeOutcome;
import org.steward.breaches.PersonNotice;
import org.steward.breaches.Recipient;
import org.steward.core.DataDirectory;
import org.steward.core.PersonId;
import org.steward.mail.MailOutbox;
import org.steward.mail.MailState;
import org.steward.testing.Osgi;

/**
 * The people concerned are told through the real mail outbox (file transport: one .eml per mail in the drop folder);
 * the register keeps who was told and when, by person id only.
 */
class PeopleNotificationTest {

    private final BundleContext context = Osgi.context(getClass());

    @Test
    void onePersonOneQueuedMailNeverTwice() throws Exception {
        BreachesFixture fixture = BreachesFixture.fresh(context);
        Breach breach = fixture.breaches.record(fixture.draft(fixture.clock.instant()).build(), BreachesFixture.DPO);
        PersonId anna = PersonId.random();
        PersonId unknown = PersonId.random();
        PersonId jan = PersonId.random();
        String polish = "jan.notified." + System.nanoTime() + "@example.org";
        String address = "anna.notified." + System.nanoTime() + "@example.org";

        List<PersonNotice> notices = fixture.breaches.notifyPeople(breach.id(), List.of(
                new Recipient(anna, Optional.of(address), Optional.of(Locale.ENGLISH)), Recipient.of(unknown),
                new Recipient(jan, Optional.of(polish), Optional.of(Locale.forLanguageTag("pl")))),
                BreachesFixture.DPO);

        assertEquals(NoticeOutcome.QUEUED, notices.get(0).outcome());
        assertEquals(NoticeOutcome.NO_ADDRESS, notices.get(1).outcome());
        String mailId = notices.get(0).mailId().orElseThrow();

        MailOutbox outbox = fixture.current(MailOutbox.class);
        outbox.deliverDue();
        assertEquals(MailState.SENT, outbox.status(new org.steward.mail.MailId(mailId)).orElseThrow().state());
        String eml = dropped(fixture, address);
        assertTrue(eml.contains("Phishing attempts using the order history"), "consequences in the notice");
        assertTrue(eml.contains("Remote wipe requested"), "measures in the notice");
        assertTrue(eml.contains("dpo@example.com"), "contact point in the notice");
        assertTrue(eml.contains("lang=\"en\""), "English for Anna");
        String janMail = dropped(fixture, polish);
        assertTrue(janMail.contains("lang=\"pl\"") || janMail.contains("lang=3D\"pl\""), "Polish for Jan");
        assertEquals(NoticeOutcome.QUEUED, notices.get(2).outcome());

        List<PersonNotice> again = fixture.breaches.notifyPeople(breach.id(),
                List.of(new Recipient(anna, Optional.of(address), Optional.empty())), BreachesFixture.DPO);
        assertEquals(mailId, again.get(0).mailId().orElseThrow(), "the earlier notice, no second mail");
        assertEquals(1, outbox.forPerson(anna).size());

        List<PersonNotice> recorded = fixture.breaches.notices(breach.id(), BreachesFixture.DPO);
        assertEquals(3, recorded.size());
        assertTrue(recorded.stream().anyMatch(n -> n.person().equals(anna) && n.outcome() == NoticeOutcome.QUEUED
                && n.at().equals(fixture.clock.instant())));

        List<AuditEntry> entries = fixture.audit("breach.notify-person");
        assertEquals(3, entries.size(), "one entry per person told or tried, none for the repeat");
        assertEquals(anna, entries.get(0).event().person().orElseThrow());
        assertFalse(entries.stream().anyMatch(e -> e.event().details().contains("example.org")),
                "no address in the audit");
    }

    /** The .eml written for the address, waiting briefly for the transport. */
    private static String dropped(BreachesFixture fixture, String address) throws Exception {
        Path drop = fixture.current(DataDirectory.class).area("mail").resolve("drop");
        long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(drop)) {
                try (Stream<Path> files = Files.walk(drop)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".eml")).toList()) {
                        String text = Files.readString(file, StandardCharsets.UTF_8);
                        if (text.contains(address)) {
                            return text;
                        }
                    }
                }
            }
            Osgi.sleep(100);
        }
        throw new AssertionError("no .eml for the address in " + drop);
    }
}
