package org.steward.audit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.audit.AuditChain;
import org.steward.audit.AuditEntry;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.audit.AuditPage;
import org.steward.audit.AuditQuery;
import org.steward.audit.Outcome;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.PersonId;
import org.steward.core.ValidationException;
import org.steward.testing.Osgi;

/** Appending, reading back, querying with paging, validation and the console listing, on a fresh database. */
class AuditLogTest {

    private final BundleContext context = Osgi.context(AuditLogTest.class);
    private AuditFixture fixture;
    private AuditLog log;

    @BeforeEach
    void freshDatabase() throws Exception {
        fixture = AuditFixture.fresh(context, Map.of());
        log = fixture.log;
    }

    @AfterAll
    static void defaults() throws Exception {
        AuditFixture.reset(Osgi.context(AuditLogTest.class));
    }

    @Test
    void appendReturnsTheCommittedEntryLinkedToItsPredecessor() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        PersonId anna = PersonId.random();
        AuditEntry first = log.append(AuditFixture.read(AuditFixture.user("u1"), anna, "c-1"));
        AuditEntry second = log.append(AuditEvent.builder(Actor.console("root"), "contact.export")
                .target("contacts", "contact").person(anna).details("format=csv").build());

        assertEquals(1, first.seq());
        assertEquals(2, second.seq());
        assertEquals(AuditChain.GENESIS, first.previousHash());
        assertEquals(first.hash(), second.previousHash());
        assertTrue(AuditChain.matches(first) && AuditChain.matches(second));
        assertFalse(first.time().isBefore(before), "UTC time from the clock");
        assertEquals(0, first.time().getNano() % 1000, "kept to the microsecond");

        AuditEntry latest = log.latest().orElseThrow();
        assertEquals(second, latest, "read back exactly as returned");
        assertEquals(Channel.CONSOLE, latest.event().actor().channel());
        assertEquals("", latest.event().targetId());
        assertEquals(Optional.of(anna), latest.event().person());

        List<Map<String, Object>> rows = fixture.rows();
        assertEquals(2, rows.size());
        assertEquals("contact.read", rows.get(0).get("ACTION"));
        assertEquals("name,email", rows.get(0).get("FIELD_NAMES"));
        assertEquals("192.0.2.10", rows.get(0).get("SOURCE_ADDRESS"));
        assertEquals("CLIENT", rows.get(0).get("CHANNEL"));
        assertEquals(anna.toString(), rows.get(0).get("PERSON_ID"));
        assertEquals(first.hash(), rows.get(0).get("HASH"));
        assertEquals(first.previousHash(), rows.get(0).get("PREV_HASH"));
        assertTrue(log.verify().intact());
    }

    @Test
    void queriesFilterByPersonActorTargetActionAndTimeWithKeysetPaging() throws Exception {
        PersonId anna = PersonId.random();
        PersonId piotr = PersonId.random();
        Actor u1 = AuditFixture.user("u1");
        Actor u2 = AuditFixture.user("u2");
        List<AuditEntry> all = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            all.add(log.append(AuditFixture.read(i % 2 == 0 ? u1 : u2, i % 5 == 0 ? piotr : anna, "c-" + (i % 4))));
        }
        Osgi.sleep(5);
        Instant middle = Instant.now();
        Osgi.sleep(5);
        for (int i = 0; i < 15; i++) {
            all.add(log.append(AuditEvent.builder(u1, "contact.export").target("contacts", "company", "k-" + (i % 2))
                    .person(anna).outcome(i == 3 ? Outcome.DENIED : Outcome.SUCCESS).build()));
        }

        assertMatches(all, AuditQuery.builder().person(piotr), e -> e.event().person().equals(Optional.of(piotr)));
        assertMatches(all, AuditQuery.builder().person(anna), e -> e.event().person().equals(Optional.of(anna)));
        assertMatches(all, AuditQuery.builder().actor("u2"), e -> e.event().actor().userId().equals("u2"));
        assertMatches(all, AuditQuery.builder().action("contact.export"), e -> e.event().action().equals("contact.export"));
        assertMatches(all, AuditQuery.builder().target("contacts", null, null), e -> true);
        assertMatches(all, AuditQuery.builder().target("contacts", "contact", "c-1"),
                e -> e.event().targetType().equals("contact") && e.event().targetId().equals("c-1"));
        assertMatches(all, AuditQuery.builder().target(null, "company", null),
                e -> e.event().targetType().equals("company"));
        assertMatches(all, AuditQuery.builder().between(middle, null), e -> e.seq() > 25);
        assertMatches(all, AuditQuery.builder().between(null, middle), e -> e.seq() <= 25);
        assertMatches(all, AuditQuery.builder().between(middle, null).actor("u1").target(null, null, "k-1"),
                e -> e.event().targetId().equals("k-1"));
        assertMatches(all, AuditQuery.builder().person(anna).action("contact.read").actor("u1"),
                e -> e.event().person().equals(Optional.of(anna)) && e.event().action().equals("contact.read")
                        && e.event().actor().userId().equals("u1"));
        assertEquals(List.of(), log.query(AuditQuery.builder().actor("nobody").build()).entries());
        assertEquals(List.of(), log.query(AuditQuery.builder().between(Instant.now().plus(Duration.ofHours(1)), null)
                .build()).entries());
    }

    /** Pages of 3, newest and oldest first, together give exactly the matching entries in order. */
    private void assertMatches(List<AuditEntry> all, AuditQuery.Builder query, Predicate<AuditEntry> matches) {
        List<AuditEntry> expected = all.stream().filter(matches).toList();
        assertFalse(expected.isEmpty(), "the data covers the filter");
        for (AuditQuery.Order order : AuditQuery.Order.values()) {
            List<AuditEntry> paged = new ArrayList<>();
            AuditQuery q = query.limit(3).order(order).build();
            int pages = 0;
            while (true) {
                AuditPage page = log.query(q);
                assertTrue(page.entries().size() <= 3);
                paged.addAll(page.entries());
                pages++;
                if (!page.hasMore()) {
                    break;
                }
                q = q.next(page);
            }
            List<AuditEntry> wanted = new ArrayList<>(expected);
            if (order == AuditQuery.Order.NEWEST_FIRST) {
                Collections.reverse(wanted);
            }
            assertEquals(wanted, paged, order + " " + query.build());
            assertEquals(Math.max(1, (expected.size() + 2) / 3), pages, "no empty trailing page");
        }
    }

    @Test
    void invalidEventsAreRefusedNamingTheFieldAndNothingIsWritten() {
        Actor u1 = AuditFixture.user("u1");
        assertField("details", AuditEvent.builder(u1, "contact.read").target("contacts", "contact", "c1")
                .details("x".repeat(AuditEvent.MAX_DETAILS + 1)));
        assertField("fields", AuditEvent.builder(u1, "contact.read").target("contacts", "contact", "c1")
                .fields(IntStream.range(0, 201).mapToObj(i -> "f" + i).toList()));
        assertField("fields[1]", AuditEvent.builder(u1, "contact.read").target("contacts", "contact", "c1")
                .fields("name", "email,phone"));
        assertField("action", AuditEvent.builder(u1, "Contact Read").target("contacts", "contact", "c1"));
        assertField("targetModule", AuditEvent.builder(u1, "contact.read"));
        assertField("targetId", AuditEvent.builder(u1, "contact.read").target("contacts", "contact", "i".repeat(201)));

        // an event made without the builder is validated by append as well
        AuditEvent unchecked = new AuditEvent(u1, "contact.read", "contacts", "contact", "c1", Optional.empty(),
                List.of(), null, "x".repeat(2001));
        ValidationException refused = assertThrows(ValidationException.class, () -> log.append(unchecked));
        assertEquals(List.of("outcome", "details"), refused.violations().stream().map(v -> v.field()).toList());
        assertFalse(refused.getMessage().contains("xxxx"), "the value is not repeated in the message");

        // the limits themselves are accepted
        log.append(AuditEvent.builder(u1, "contact.read").target("contacts", "contact", "c1")
                .details("y".repeat(AuditEvent.MAX_DETAILS))
                .fields(IntStream.range(0, AuditEvent.MAX_FIELDS).mapToObj(i -> "field_" + i).toList()).build());
        AuditEntry stored = log.latest().orElseThrow();
        assertEquals(1, stored.seq(), "only the valid event was written");
        assertEquals(AuditEvent.MAX_FIELDS, stored.event().fields().size());
        assertEquals(AuditEvent.MAX_DETAILS, stored.event().details().length());
        assertTrue(log.verify().intact());
    }

    private void assertField(String field, AuditEvent.Builder builder) {
        ValidationException refused = assertThrows(ValidationException.class, builder::build);
        assertEquals(field, refused.field(), refused.getMessage());
    }

    @Test
    void consoleListAndTailShowTheFilteredEntries() throws Throwable {
        PersonId anna = new PersonId(UUID.fromString("7d3c0a1e-0000-4000-8000-000000000001"));
        for (int i = 0; i < 30; i++) {
            log.append(AuditFixture.read(AuditFixture.user(i < 10 ? "u1" : "u2"), i % 3 == 0 ? anna
                    : PersonId.random(), "c-" + i));
        }
        Class<?>[] listTypes = { String.class, String.class, String.class, String.class, String.class, String.class,
                String.class, String.class, int.class, long.class, boolean.class };
        String annaPage = (String) fixture.command("list", listTypes, anna.toString(), "", "", "", "", "", "", "", 4,
                0L, false);
        List<String> lines = annaPage.lines().toList();
        assertEquals(5, lines.size(), annaPage);
        assertTrue(lines.get(0).trim().startsWith("28 "), annaPage);
        assertTrue(lines.get(4).contains("--after 19"), annaPage);
        String next = (String) fixture.command("list", listTypes, anna.toString(), "", "", "", "", "", "", "", 4, 19L,
                false);
        assertEquals(5, next.lines().count(), "entries 16, 13, 10, 7 and the cursor line: " + next);

        String u1 = (String) fixture.command("list", listTypes, "", "u1", "contact.read", "contacts", "contact", "c-3",
                "2000-01-01", "2999-01-01T00:00:00Z", 50, 0L, true);
        assertEquals(1, u1.lines().count(), u1);
        assertTrue(u1.contains("contact.read") && u1.contains("contacts/contact/c-3") && u1.contains("u1-login"), u1);

        ValidationException badPerson = assertThrows(ValidationException.class, () -> fixture.command("list",
                listTypes, "not-an-id", "", "", "", "", "", "", "", 5, 0L, false));
        assertEquals("personId", badPerson.field());
        ValidationException badTime = assertThrows(ValidationException.class, () -> fixture.command("list",
                listTypes, "", "", "", "", "", "", "yesterday", "", 5, 0L, false));
        assertEquals("from", badTime.field());

        String tail = (String) fixture.command("tail", new Class<?>[] { int.class }, 3);
        List<String> tailLines = tail.lines().toList();
        assertEquals(3, tailLines.size(), tail);
        assertTrue(tailLines.get(0).trim().startsWith("28 ") && tailLines.get(2).trim().startsWith("30 "), tail);
        assertEquals(20, ((String) fixture.command("tail", new Class<?>[0])).lines().count());

        String verified = (String) fixture.command("verify", new Class<?>[0]);
        assertTrue(verified.contains("OK") && verified.contains("30 entries"), verified);
    }
}
