package org.steward.rights.tests;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.contacts.Contact;
import org.steward.contacts.ContactDraft;
import org.steward.contacts.Contacts;
import org.steward.contacts.DataSource;
import org.steward.core.PersonId;
import org.steward.rights.ErasureState;
import org.steward.rights.SubjectRights;
import org.steward.testing.Osgi;
import org.steward.testing.TempFolders;

/**
 * Export latency (p50, p99) of one person, and erasure time per person, in a database holding many contacts and audit
 * entries of other people. Sizes by system property: {@code rights.benchmark.contacts} (default 100,000),
 * {@code rights.benchmark.audit} (default 1,000,000), {@code rights.benchmark.exports} (50),
 * {@code rights.benchmark.erasures} (20). Baseline in the same run: the export of a person nobody holds anything about.
 * Tickets are not loaded yet (the test bundle does not use the tickets API).
 */
class RightsBenchmark {

    private final BundleContext context = Osgi.context(RightsBenchmark.class);

    @Test
    void exportAndErasure() throws Exception {
        int contactCount = Integer.getInteger("rights.benchmark.contacts", 100_000);
        int auditCount = Integer.getInteger("rights.benchmark.audit", 1_000_000);
        int exports = Integer.getInteger("rights.benchmark.exports", 50);
        int erasures = Integer.getInteger("rights.benchmark.erasures", 20);
        Contacts contacts = Osgi.service(context, Contacts.class);
        AuditLog audit = Osgi.service(context, AuditLog.class);
        SubjectRights rights = Osgi.service(context, SubjectRights.class);

        long load = System.nanoTime();
        List<PersonId> people = new ArrayList<>();
        for (int i = 0; i < contactCount; i++) {
            Contact c = contacts.create(ContactDraft.of("First" + i, "Last" + i, "p" + i + "-" + UUID.randomUUID()
                    + "@example.org"), DataSource.manual("bench", Instant.now()), Fixture.officer());
            if (people.size() < erasures + 1) {
                people.add(c.person());
            }
        }
        long contactsLoaded = System.nanoTime();
        List<AuditEvent> batch = new ArrayList<>(5000);
        for (int i = 0; i < auditCount; i++) {
            PersonId about = i % 1000 == 0 ? people.get(0) : new PersonId(new UUID(7, i));
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
        long auditLoaded = System.nanoTime();
        System.out.printf("RightsBenchmark: loaded %,d contacts in %.1f s and %,d audit entries in %.1f s%n",
                contactCount, (contactsLoaded - load) / 1e9, auditCount, (auditLoaded - contactsLoaded) / 1e9);

        Path folder = TempFolders.create("bench");
        PersonId target = people.get(0);
        double[] baseline = exportTimes(rights, PersonId.random(), folder, exports);
        double[] held = exportTimes(rights, target, folder, exports);
        System.out.printf("RightsBenchmark: export of a person with nothing held: p50 %.1f ms, p99 %.1f ms%n",
                percentile(baseline, 50), percentile(baseline, 99));
        System.out.printf("RightsBenchmark: export of one person (1 contact, %,d audit entries about them) among "
                + "%,d contacts and %,d audit entries: p50 %.1f ms, p99 %.1f ms (%.1fx the empty export)%n",
                (auditCount + 999) / 1000, contactCount, auditCount, percentile(held, 50), percentile(held, 99),
                percentile(held, 50) / percentile(baseline, 50));

        double[] erase = new double[erasures];
        for (int i = 0; i < erasures; i++) {
            long start = System.nanoTime();
            if (rights.erase(people.get(i + 1), Fixture.officer()).state() != ErasureState.DONE) {
                throw new AssertionError("erasure did not complete");
            }
            erase[i] = (System.nanoTime() - start) / 1e6;
        }
        System.out.printf("RightsBenchmark: erasure per person: p50 %.1f ms, p99 %.1f ms (%d people)%n",
                percentile(erase, 50), percentile(erase, 99), erasures);
    }

    private static double[] exportTimes(SubjectRights rights, PersonId person, Path folder, int count) {
        double[] times = new double[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            rights.export(person, folder.resolve("bench-" + i + ".zip"), Optional.empty(), Fixture.officer());
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
