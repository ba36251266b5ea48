package org.steward.rights.tests;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.contacts.ContactDraft;
import org.steward.contacts.ContactImport;
import org.steward.contacts.Contacts;
import org.steward.contacts.DataSource;
import org.steward.contacts.ImportFormat;
import org.steward.contacts.ImportOptions;
import org.steward.contacts.ImportSummary;
import org.steward.core.PersonId;
import org.steward.rights.ErasureReport;
import org.steward.rights.ErasureState;
import org.steward.rights.ExportReport;
import org.steward.rights.SubjectRights;
import org.steward.testing.Osgi;
import org.steward.testing.TempFolders;
import org.steward.tickets.NewTicket;
import org.steward.tickets.Ticket;
import org.steward.tickets.TicketChannel;
import org.steward.tickets.Tickets;

/**
 * Export latency (p50, p99) of one person, and erasure time per person, in a database holding many contacts, tickets
 * and audit entries of other people (issue 7: 100,000 contacts, 100,000 tickets, 1,000,000 audit entries). Run only
 * with {@code -Pbenchmark}; sizes by system property, passed with
 * {@code -Dbench.args="-Drights.benchmark.contacts=10000 ..."}: {@code rights.benchmark.contacts} (100,000),
 * {@code rights.benchmark.tickets} (100,000), {@code rights.benchmark.audit} (1,000,000),
 * {@code rights.benchmark.exports} (50), {@code rights.benchmark.erasures} (20), {@code rights.benchmark.threads}
 * (4, ticket loading), {@code rights.benchmark.requesters} (5,000 other people the other tickets belong to).
 *
 * <p>Loading goes through the real services: contacts by {@link ContactImport} (a CSV, batched transactions), the
 * measured person and the people erased by {@link Contacts#create}, tickets by {@link Tickets#open} and their
 * messages by {@link Tickets#customerReply} / {@link Tickets#reply} (internal notes, so that no mail is queued) in
 * parallel threads, audit entries by {@link AuditLog#appendAll}. Baseline in the same run: the export of a person
 * nobody holds anything about.
 */
class RightsBenchmark {

    private static final int PERSON_TICKETS = 20;

    private final BundleContext context = Osgi.context(RightsBenchmark.class);

    @Test
    void exportAndErasure() throws Exception {
        int contactCount = Integer.getInteger("rights.benchmark.contacts", 100_000);
        int ticketCount = Integer.getInteger("rights.benchmark.tickets", 100_000);
        int auditCount = Integer.getInteger("rights.benchmark.audit", 1_000_000);
        int exports = Integer.getInteger("rights.benchmark.exports", 50);
        int erasures = Integer.getInteger("rights.benchmark.erasures", 20);
        int threads = Integer.getInteger("rights.benchmark.threads", 4);
        int requesters = Integer.getInteger("rights.benchmark.requesters", 5_000);
        Contacts contacts = Osgi.service(context, Contacts.class);
        ContactImport imports = Osgi.service(context, ContactImport.class);
        Tickets tickets = Osgi.service(context, Tickets.class);
        AuditLog audit = Osgi.service(context, AuditLog.class);
        SubjectRights rights = Osgi.service(context, SubjectRights.class);
        Path folder = TempFolders.create("bench");

        // contacts: the measured person and the people to erase one by one, then everybody else from a CSV
        long start = System.nanoTime();
        List<PersonId> people = new ArrayList<>();
        for (int i = 0; i <= erasures; i++) {
            people.add(contacts.create(ContactDraft.of("Bench" + i, "Person" + i, "bench" + i + "-"
                    + UUID.randomUUID() + "@example.org"), DataSource.manual("bench", Instant.now()),
                    Fixture.officer()).person());
        }
        int imported = Math.max(0, contactCount - people.size());
        Path csv = folder.resolve("contacts.csv");
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("firstName,lastName,email\n");
            for (int i = 0; i < imported; i++) {
                out.write("First" + i + ",Last" + i + ",p" + i + "-" + UUID.randomUUID() + "@example.org\n");
            }
        }
        if (imported > 0) {
            ImportSummary summary = imports.importFile(csv, new ImportOptions(ImportFormat.CSV, ',', Map.of(),
                    ImportOptions.DEFAULT_BATCH), null, Fixture.officer());
            if (summary.imported() != imported) {
                throw new AssertionError("import: " + summary);
            }
        }
        Files.delete(csv);
        double contactSeconds = (System.nanoTime() - start) / 1e9;

        // tickets: the measured person's with a thread, one for each person erased, the rest for other people
        start = System.nanoTime();
        PersonId target = people.get(0);
        List<PersonId> others = new ArrayList<>();
        for (int i = 0; i < requesters; i++) {
            others.add(PersonId.random());
        }
        int ownTickets = Math.min(ticketCount, PERSON_TICKETS + erasures);
        int otherTickets = ticketCount - ownTickets;
        for (int i = 0; i < ownTickets; i++) {
            PersonId requester = i < PERSON_TICKETS ? target : people.get(i - PERSON_TICKETS + 1);
            Ticket t = tickets.open(NewTicket.forPerson(requester, "Question " + i + " about my order",
                    "Hello, my order " + i + " has not arrived.", TicketChannel.EMAIL), Fixture.officer());
            tickets.customerReply(t.id(), "It was sent on Monday to my home address.", List.of(), Fixture.officer());
            tickets.reply(t.id(), "Courier asked to check the parcel " + i, List.of(), true, Fixture.officer());
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> loaders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            loaders.add(pool.submit(() -> {
                for (int i = first; i < otherTickets; i += threads) {
                    tickets.open(NewTicket.forPerson(others.get(i % others.size()), "Ticket " + i,
                            "Please help with case " + i, i % 2 == 0 ? TicketChannel.EMAIL : TicketChannel.WEB),
                            Fixture.officer());
                }
                return null;
            }));
        }
        for (Future<?> loader : loaders) {
            loader.get();
        }
        pool.shutdown();
        double ticketSeconds = (System.nanoTime() - start) / 1e9;

        start = System.nanoTime();
        List<AuditEvent> batch = new ArrayList<>(5000);
        for (int i = 0; i < auditCount; i++) {
            PersonId about = i % 1000 == 0 ? target : new PersonId(new UUID(7, i));
            batch.add(AuditEvent.builder(Fixture.officer(), "contact.read").target("contacts", "contact", "c" + i)
                    .person(about).fields("email").build());
            if (batch.size() == 5000) {
                audit.appendAll(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            audit.appendAll(batch);
        }
        double auditSeconds = (System.nanoTime() - start) / 1e9;
        report(String.format(Locale.ROOT, "loaded %,d contacts in %.1f s (%d created, the rest by ContactImport), "
                + "%,d tickets in %.1f s (%d threads; %d of the measured person with 3 messages each), "
                + "%,d audit entries in %.1f s", contactCount, contactSeconds, people.size(), ticketCount,
                ticketSeconds, threads, Math.min(ticketCount, PERSON_TICKETS), auditCount, auditSeconds));

        double[] baseline = exportTimes(rights, PersonId.random(), folder, exports);
        ExportReport[] last = new ExportReport[1];
        double[] held = exportTimes(rights, target, folder, exports, last);
        report(String.format(Locale.ROOT, "export of a person with nothing held: p50 %.1f ms, p99 %.1f ms",
                percentile(baseline, 50), percentile(baseline, 99)));
        report(String.format(Locale.ROOT, "export of one person (%s records) among %,d contacts, %,d tickets "
                + "and %,d audit entries: p50 %.1f ms, p99 %.1f ms (%.1fx the empty export, %d runs)",
                last[0].recordsPerModule(), contactCount, ticketCount, auditCount, percentile(held, 50),
                percentile(held, 99), percentile(held, 50) / percentile(baseline, 50), exports));

        double[] erase = new double[erasures];
        for (int i = 0; i < erasures; i++) {
            long t0 = System.nanoTime();
            ErasureReport erased = rights.erase(people.get(i + 1), Fixture.officer());
            erase[i] = (System.nanoTime() - t0) / 1e6;
            if (erased.state() != ErasureState.DONE) {
                throw new AssertionError("erasure did not complete: " + erased);
            }
        }
        report(String.format(Locale.ROOT, "erasure per person (1 contact, 1 ticket with 3 messages; every "
                + "provider, shred, blocklist): p50 %.1f ms, p99 %.1f ms (%d people)", percentile(erase, 50),
                percentile(erase, 99), erasures));
    }

    private static void report(String line) throws java.io.IOException {
        System.out.println("RightsBenchmark: " + line);
        Path results = Paths.get(System.getProperty("user.dir"), "target", "benchmark-results.txt");
        Files.writeString(results, Instant.now() + " RightsBenchmark: " + line + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static double[] exportTimes(SubjectRights rights, PersonId person, Path folder, int count) {
        return exportTimes(rights, person, folder, count, new ExportReport[1]);
    }

    private static double[] exportTimes(SubjectRights rights, PersonId person, Path folder, int count,
            ExportReport[] last) {
        double[] times = new double[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            last[0] = rights.export(person, folder.resolve("bench-" + i + ".zip"), Optional.empty(),
                    Fixture.officer());
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        return times;
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
