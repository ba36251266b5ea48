package org.steward.contacts.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.contacts.Contacts;
import org.steward.contacts.ImportListener;
import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.core.UnavailableException;
import org.steward.core.Uuids;
import org.steward.persistence.JdbcTransactions;

/**
 * The batches of an import: each is checked (duplicates, erasure blocklist) and encrypted in parallel, then written
 * with its rejects and the journal in one transaction, while the next batch is read. The worker threads encrypt
 * within one import call; they are no scheduled work.
 */
final class ImportBatches implements AutoCloseable {

    /** A record of the file refused, and why (never a value). */
    record Reject(long line, String reason) {
    }

    /** A checked and encrypted batch with the journal figures it commits. */
    private record Checked(List<ContactStore.Prepared> contacts, List<Reject> refused, List<Object[]> leftOut,
            List<ImportCompanies.Created> companies, Map<String, Long> emails, long lastLine, long records,
            long imported, long rejected, String columnCounts) {
    }

    static final String DUPLICATE = "duplicate e-mail address: a contact with this address exists";
    static final String ERASED = "a person with this e-mail address or phone number was erased before; create the "
            + "contact on its own with an override and a reason";

    private final JdbcTransactions db;
    private final ContactStore store;
    private final Sealing sealing;
    private final ErasureChecks erasure;
    private final Clock clock;
    private final AuditLog audit;
    private final int threads;
    private final ExecutorService workers;
    /** Writes batches while the next one is read, checked and encrypted: Derby's work and ours overlap. */
    private final ExecutorService writer;

    ImportBatches(JdbcTransactions db, ContactStore store, Sealing sealing, ErasureChecks erasure, Clock clock,
            AuditLog audit, int threads) {
        this.db = db;
        this.store = store;
        this.sealing = sealing;
        this.erasure = erasure;
        this.clock = clock;
        this.audit = audit;
        this.threads = threads;
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "steward-contacts-import");
            t.setDaemon(true);
            return t;
        });
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "steward-contacts-import-writer");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void close() {
        workers.shutdownNow();
        writer.shutdownNow();
    }

    /** The batches of one run of an import. */
    Run run(Journal journal, Actor actor, List<String> mapped, ImportListener progress) {
        return new Run(journal, actor, mapped, progress);
    }

    /** The batch being written, if any: its e-mail indexes are not visible to the next batch's database check. */
    final class Run {
        private final Journal journal;
        private final Actor actor;
        private final List<String> mapped;
        private final ImportListener progress;
        private final String prefix;
        private final ImportCompanies companies = new ImportCompanies();
        private Future<?> pending;
        private Checked writing;
        private long[] reported = { -1, -1, -1 };

        private Run(Journal journal, Actor actor, List<String> mapped, ImportListener progress) {
            this.journal = journal;
            this.actor = actor;
            this.mapped = mapped;
            this.progress = progress;
            this.prefix = journal.hash().substring(0, 32) + ":";
        }

        /**
         * Checks duplicates and the blocklist and encrypts in parallel on this thread, then hands the batch to the
         * writer, which stores contacts, rejects and journal at once while this thread goes on with the next batch.
         */
        void commit(List<ImportRows.Row> batch, List<Reject> rejects, long lastLine, long[] totals,
                String columnCounts) {
            if (batch.isEmpty() && rejects.isEmpty()) {
                return;
            }
            List<Reject> refused = new ArrayList<>(rejects);
            List<ImportRows.Row> accepted = new ArrayList<>();
            Map<String, Long> inFlight = writing == null ? Map.of() : writing.emails();
            Map<String, Long> seen = new HashMap<>();
            List<ImportCompanies.Created> created = new ArrayList<>(0);
            Map<String, String> companyIds = new HashMap<>();
            // without locks: a read-committed probe that meets the uncommitted rows of the batch being written waits
            // for its commit, which turned the overlap of reading and writing back into taking turns; those rows are
            // known here anyway (inFlight, and the companies the run made)
            Map<String, String> existing = db.write(Connection.TRANSACTION_READ_UNCOMMITTED, c -> {
                companyIds.putAll(companies.resolve(c, batch, created));
                return existingEmails(c, batch, inFlight);
            });
            for (ImportRows.Row candidate : batch) {
                String duplicate = duplicate(candidate, inFlight, existing, seen);
                if (duplicate != null) {
                    refused.add(new Reject(candidate.line(), duplicate));
                    continue;
                }
                if (erasure.blocklisted(candidate.ids().present())) {
                    refused.add(new Reject(candidate.line(), ERASED));
                    continue;
                }
                accepted.add(candidate);
            }
            List<Object[]> leftOut = new ArrayList<>(0);
            for (ImportRows.Row row : accepted) {
                for (ImportRows.Note note : row.notes()) {
                    if (note.kind() == ImportRows.Note.Kind.LEFT_OUT) {
                        leftOut.add(new Object[] { Uuids.timeOrdered().toString(), journal.id(), row.line(),
                                Sealing.truncate(note.reason(), 1000), Sealing.truncate(note.field(), 200) });
                    }
                }
            }
            List<ContactStore.Prepared> prepared = prepare(accepted, companyIds);
            totals[1] += prepared.size();
            totals[2] += refused.size();
            Checked checked = new Checked(prepared, refused, leftOut, created, seen, lastLine, totals[0], totals[1],
                    totals[2], columnCounts);
            await();
            writing = checked;
            pending = writer.submit(() -> write(checked));
        }

        /** Why a row is a duplicate (of a row of this file, of the batch being written, of a contact), or null. */
        private String duplicate(ImportRows.Row candidate, Map<String, Long> inFlight, Map<String, String> existing,
                Map<String, Long> seen) {
            String index = candidate.ids().email();
            if (index == null) {
                return null;
            }
            Long taken = inFlight.get(index);
            String key = existing.get(index);
            if (taken != null || key != null) {
                return taken != null || key.startsWith(prefix) ? "duplicate e-mail address: same as line "
                        + (taken != null ? taken : key.substring(prefix.length())) + " of this file" : DUPLICATE;
            }
            Long first = seen.putIfAbsent(index, candidate.line());
            return first == null ? null : "duplicate e-mail address: same as line " + first + " of this file";
        }

        /**
         * Waits for the batch being written, then tells the listener; a failure of either is the import's failure,
         * and comes before the next batch is handed over.
         */
        void await() {
            if (pending == null) {
                return;
            }
            long[] committed;
            try {
                join(pending, "Writing an import batch");
                committed = new long[] { writing.records(), writing.imported(), writing.rejected() };
            } finally {
                pending = null;
                writing = null;
            }
            report(committed[0], committed[1], committed[2]);
        }

        void report(long records, long imported, long rejected) {
            if (reported[0] != records || reported[1] != imported || reported[2] != rejected) {
                reported = new long[] { records, imported, rejected };
                progress.committed(records, imported, rejected);
            }
        }

        /** After a failure elsewhere: lets a running write end before the report is written. */
        void drain() {
            try {
                await();
            } catch (RuntimeException ignored) {
                // the first failure is the one reported
            }
        }

        private void write(Checked batch) {
            long now = clock.millis();
            db.write(c -> {
                if (!batch.companies().isEmpty()) {
                    ImportCompanies.insert(c, batch.companies(), actor.userId(), now);
                    for (ImportCompanies.Created company : batch.companies()) {
                        audit.append(AuditEvent.builder(actor, "company.create").target(Contacts.MODULE,
                                CompanyService.TYPE, company.id()).details("named in import " + journal.id())
                                .build());
                    }
                }
                ContactStore.insert(c, batch.contacts());
                List<Object[]> rows = new ArrayList<>(batch.refused().size() + batch.leftOut().size());
                for (Reject r : batch.refused()) {
                    rows.add(new Object[] { Uuids.timeOrdered().toString(), journal.id(), r.line(), r.reason(),
                            null });
                }
                rows.addAll(batch.leftOut());
                ContactStore.batch(c, "INSERT INTO CONTACTS_IMPORT_REJECT (ID, IMPORT_ID, LINE_NO, REASON, FIELD_NAME) "
                        + "VALUES (?, ?, ?, ?, ?)", rows);
                ImportJournal.advance(c, journal, batch.lastLine(), batch.records(), batch.imported(),
                        batch.rejected(), batch.columnCounts());
                // audited inside the transaction: an entry may describe a batch a crash rolled back, never the reverse
                audit.append(AuditEvent.builder(actor, "contacts.import.batch").target(Contacts.MODULE,
                        ImportService.TYPE, journal.id()).fields(mapped.stream().limit(AuditEvent.MAX_FIELDS).toList())
                        .details("up to line " + batch.lastLine() + ": " + batch.contacts().size()
                                + " contacts created, " + batch.refused().size() + " records rejected, "
                                + batch.leftOut().size() + " values left out, at "
                                + Instant.ofEpochMilli(now))
                        .build());
                return null;
            });
        }

        private List<ContactStore.Prepared> prepare(List<ImportRows.Row> accepted, Map<String, String> companyIds) {
            long now = clock.millis();
            List<PersonId> persons = new ArrayList<>(accepted.size());
            for (int k = 0; k < accepted.size(); k++) {
                persons.add(PersonId.random());
            }
            sealing.prepareKeys(persons);
            int chunks = Math.max(1, Math.min(accepted.size() / 50 + 1, threads * 2));
            int size = (accepted.size() + chunks - 1) / chunks;
            List<Future<List<ContactStore.Prepared>>> futures = new ArrayList<>();
            for (int from = 0; from < accepted.size(); from += size) {
                int first = from;
                List<ImportRows.Row> part = accepted.subList(from, Math.min(accepted.size(), from + size));
                futures.add(workers.submit(() -> {
                    List<ContactStore.Prepared> out = new ArrayList<>(part.size());
                    int k = first;
                    for (ImportRows.Row candidate : part) {
                        Map<String, String> values = new HashMap<>(candidate.values());
                        values.putIfAbsent(BuiltInFields.OWNER, actor.userId());
                        if (candidate.company() != null && values.get(BuiltInFields.COMPANY) == null) {
                            values.put(BuiltInFields.COMPANY, companyIds.get(CompanyService.key(candidate.company())));
                        }
                        // the source (file, line, import, user, time) is the journal and the import key: no source row
                        out.add(store.prepare(Uuids.timeOrdered().toString(), persons.get(k++), values,
                                candidate.ids(), List.of(), candidate.bases(), prefix + candidate.line(), journal.id(),
                                now));
                    }
                    return out;
                }));
            }
            List<ContactStore.Prepared> all = new ArrayList<>(accepted.size());
            for (Future<List<ContactStore.Prepared>> f : futures) {
                all.addAll(join(f, "Encrypting an import batch"));
            }
            return all;
        }
    }

    /** The task's result; its domain or runtime failure as it was, anything else as the database being unavailable. */
    private static <T> T join(Future<T> task, String what) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("The import was interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new UnavailableException(what + " failed: " + e.getCause());
        }
    }

    /**
     * The import keys of live or recycled contacts with these e-mail indexes. One indexed lookup per address: Derby
     * answers a long IN list with a scan of the table, which made every batch slower than the one before.
     */
    static Map<String, String> existingEmails(Connection c, List<ImportRows.Row> batch, Map<String, Long> inFlight)
            throws SQLException {
        Map<String, String> found = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT IMPORT_KEY FROM CONTACTS_CONTACT WHERE EMAIL_TOKEN = ?")) {
            for (ImportRows.Row candidate : batch) {
                String index = candidate.ids().email();
                if (index == null || found.containsKey(index) || inFlight.containsKey(index)) {
                    continue;
                }
                s.setLong(1, Sealing.token(index));
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        String key = rs.getString(1);
                        found.put(index, key == null ? "" : key);
                    }
                }
            }
        }
        return found;
    }
}
