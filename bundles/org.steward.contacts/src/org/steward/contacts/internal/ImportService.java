package org.steward.contacts.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.steward.audit.AuditEvent;
import org.steward.contacts.ContactImport;
import org.steward.contacts.Contacts;
import org.steward.contacts.ImportFormat;
import org.steward.contacts.ImportListener;
import org.steward.contacts.ImportOptions;
import org.steward.contacts.ImportSummary;
import org.steward.core.Actor;
import org.steward.core.ConflictException;
import org.steward.core.NotFoundException;
import org.steward.core.PersonId;
import org.steward.core.UnavailableException;
import org.steward.core.Uuids;
import org.steward.core.ValidationException;
import org.steward.core.Violation;
import org.steward.permissions.Operation;
import org.steward.permissions.Purpose;

/**
 * Streaming, batched, journaled import. The journal row ({@code CONTACTS_IMPORT}) is updated in the same transaction
 * as each batch's contacts and rejections, so after a crash it names exactly the last committed line; a resume skips
 * every record starting on or before it. Contacts carry an import key (file hash and line), and e-mail addresses are
 * unique, so no row is imported twice.
 */
@Component(service = ContactImport.class)
public final class ImportService implements ContactImport {

    static final String TYPE = "import";

    private final ContactsBase base;
    private final ContactStore store;
    private final ExecutorService workers;
    /** Writes batches while the next one is read, checked and encrypted: Derby's work and ours overlap. */
    private final ExecutorService writer;

    @Activate
    public ImportService(@Reference ContactsBase base) {
        this.base = base;
        this.store = new ContactStore(base);
        int threads = Math.max(1, base.config.importThreads());
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

    @Deactivate
    void deactivate() {
        workers.shutdownNow();
        writer.shutdownNow();
    }

    private record Journal(String id, String hash, String fileName, ImportFormat format, char delimiter,
            Map<String, String> mapping, int batchSize, String status, long lastLine, long records, long imported,
            long rejected, long startedAt) {
    }

    private record Candidate(long line, Map<String, String> values, Identifiers ids) {
    }

    private record Reject(long line, String reason) {
    }

    /** A checked and encrypted batch with the journal figures it commits. */
    private record Checked(List<ContactStore.Prepared> contacts, List<Reject> refused, Map<String, Long> emails,
            long lastLine, long records, long imported, long rejected) {
    }

    /** The batch being written, if any: its e-mail indexes are not visible to the next batch's database check. */
    private final class Pipeline {
        private final ImportListener progress;
        private Future<?> pending;
        private Checked writing;
        private long[] reported = { -1, -1, -1 };

        Pipeline(ImportListener progress) {
            this.progress = progress;
        }

        Map<String, Long> inFlight() {
            return writing == null ? Map.of() : writing.emails();
        }

        void submit(Checked next, Runnable write) {
            await();
            writing = next;
            pending = writer.submit(write);
        }

        /**
         * Waits for the batch being written, then tells the listener; a failure of either is the import's failure, and
         * comes before the next batch is handed over.
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
    }

    @Override
    public ImportSummary importFile(Path file, ImportOptions options, ImportListener listener, Actor actor) {
        base.access.require(actor, Operation.IMPORT, Contacts.MODULE, Optional.empty());
        ImportOptions opts = options == null ? ImportOptions.defaults() : options;
        requireReadable(file);
        String hash = hash(file);
        Optional<Journal> earlier = base.db.tx(c -> latestByHash(c, hash));
        if (earlier.isPresent() && "COMPLETED".equals(earlier.get().status())) {
            Journal j = earlier.get();
            base.audit.append(AuditEvent.builder(actor, "contacts.import.skip").target(Contacts.MODULE, TYPE, j.id())
                    .details("the same file was imported completely before").build());
            return new ImportSummary(j.id(), j.fileName(), ImportSummary.Status.ALREADY_IMPORTED, j.records(),
                    j.imported(), j.rejected(), reportFile(j.id()), summaryFile(j.id()), Duration.ZERO);
        }
        if (earlier.isPresent()) {
            recordResume(earlier.get(), actor);
            return run(earlier.get(), file, listener, actor);
        }
        ImportFormat format = opts.format() == ImportFormat.AUTO ? detectFormat(file) : opts.format();
        char delimiter = format == ImportFormat.CSV ? (opts.delimiter() == 0 ? detectDelimiter(file) : opts.delimiter())
                : ',';
        if (delimiter != ',' && delimiter != ';' && delimiter != '\t') {
            throw new ValidationException("delimiter", "must be a comma, a semicolon or a tab");
        }
        Journal journal = new Journal(Uuids.timeOrdered().toString(), hash, file.getFileName().toString(), format,
                delimiter, opts.mapping(), opts.batchSize(), "RUNNING", 0, 0, 0, 0, base.clock.millis());
        base.db.tx(c -> Db.update(c, "INSERT INTO CONTACTS_IMPORT (ID, FILE_HASH, FILE_NAME, FORMAT, DELIMITER_CHAR, "
                + "MAPPING, BATCH_SIZE, STATUS, LAST_LINE, RECORDS, IMPORTED, REJECTED, USER_ID, STARTED_AT) VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, 'RUNNING', 0, 0, 0, 0, ?, ?)", journal.id(), hash, journal.fileName(),
                format.name(), String.valueOf(delimiter), SourceCodec.encode(opts.mapping()), opts.batchSize(),
                actor.userId(), journal.startedAt()));
        base.audit.append(AuditEvent.builder(actor, "contacts.import.start").target(Contacts.MODULE, TYPE,
                journal.id()).details(format + " file, sha-256 " + hash.substring(0, 16)).build());
        return run(journal, file, listener, actor);
    }

    @Override
    public ImportSummary resume(String importId, Path file, ImportListener listener, Actor actor) {
        base.access.require(actor, Operation.IMPORT, Contacts.MODULE, Optional.empty());
        Journal journal = base.db.tx(c -> byId(c, importId)).orElseThrow(() -> new NotFoundException("Import",
                importId));
        requireReadable(file);
        if (!journal.hash().equals(hash(file))) {
            throw new ConflictException("The file differs from the one import " + importId + " started with");
        }
        if ("COMPLETED".equals(journal.status())) {
            return new ImportSummary(journal.id(), journal.fileName(), ImportSummary.Status.COMPLETED,
                    journal.records(), journal.imported(), journal.rejected(), reportFile(journal.id()),
                    summaryFile(journal.id()), Duration.ZERO);
        }
        recordResume(journal, actor);
        return run(journal, file, listener, actor);
    }

    /** Who goes on with an unfinished import, after which line: the contacts of the lines after it name that user. */
    private void recordResume(Journal journal, Actor actor) {
        base.db.tx(c -> Db.update(c, "INSERT INTO CONTACTS_IMPORT_RUN (ID, IMPORT_ID, AFTER_LINE, USER_ID, STARTED_AT) "
                + "VALUES (?, ?, ?, ?, ?)", Uuids.timeOrdered().toString(), journal.id(), journal.lastLine(),
                actor.userId(), base.clock.millis()));
        base.audit.append(AuditEvent.builder(actor, "contacts.import.resume").target(Contacts.MODULE, TYPE,
                journal.id()).details("after line " + journal.lastLine()).build());
    }

    @Override
    public List<ImportSummary> unfinished(Actor actor) {
        base.access.require(actor, Operation.IMPORT, Contacts.MODULE, Optional.empty());
        return base.db.tx(c -> {
            List<ImportSummary> found = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM CONTACTS_IMPORT WHERE STATUS = 'RUNNING' "
                    + "ORDER BY STARTED_AT"); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Journal j = journal(rs);
                    found.add(new ImportSummary(j.id(), j.fileName(), ImportSummary.Status.RUNNING, j.records(),
                            j.imported(), j.rejected(), reportFile(j.id()), summaryFile(j.id()), Duration.ZERO));
                }
            }
            return found;
        });
    }

    // ============================================================================================== the run

    private ImportSummary run(Journal journal, Path file, ImportListener listener, Actor actor) {
        Instant started = base.clock.instant();
        long[] totals = { journal.records(), journal.imported(), journal.rejected() };
        boolean vcard = journal.format() == ImportFormat.VCARD;
        RowParser parser = new RowParser(journal.delimiter());
        List<String> mapped;
        ImportListener progress = listener == null ? ImportListener.NONE : listener;
        try (InputStream in = Files.newInputStream(file); RecordReader reader = new RecordReader(in, vcard)) {
            if (!vcard) {
                RecordReader.Raw header = reader.next();
                if (header == null || header.text() == null) {
                    throw new ValidationException("file", "has no readable header line (UTF-8 expected)");
                }
                try {
                    List<String> unmapped = parser.header(header.text(), journal.mapping(), base);
                    if (!unmapped.isEmpty() && journal.lastLine() == 0) {
                        base.logger.info("Import {}: {} columns are not mapped and are left out", journal.id(),
                                unmapped.size());
                    }
                } catch (RowParser.Refused e) {
                    throw new ValidationException("header", e.getMessage());
                }
                mapped = parser.mappedFields();
            } else {
                mapped = List.of("firstName", "lastName", "email", "phone", "mobile", "address.street",
                        "address.postalCode", "address.city", "address.region", "address.country", "birthDate",
                        "language", "notes", "tags");
            }
            base.access.requireFields(actor, Contacts.MODULE, ContactService.TYPE, base.classifications(),
                    Purpose.EDIT, mapped.stream().filter(f -> base.field(f).isPresent()).toList());
            List<Candidate> batch = new ArrayList<>(journal.batchSize());
            List<Reject> rejects = new ArrayList<>();
            long lastLine = journal.lastLine();
            Pipeline pipeline = new Pipeline(progress);
            try {
                RecordReader.Raw raw;
                while ((raw = reader.next()) != null) {
                    if (raw.line() <= journal.lastLine()) {
                        continue; // committed before the interruption
                    }
                    lastLine = raw.endLine();
                    totals[0]++;
                    if (raw.problem() != null) {
                        rejects.add(new Reject(raw.line(), raw.problem()));
                    } else {
                        try {
                            Map<String, String> row = vcard ? RowParser.vcard(raw.text()) : parser.csv(raw.text());
                            List<Violation> violations = new ArrayList<>();
                            Map<String, String> clean = base.validate(row, violations);
                            ContactService.requireNameOrEmail(clean, violations);
                            if (!violations.isEmpty()) {
                                rejects.add(new Reject(raw.line(), describe(violations)));
                            } else {
                                batch.add(new Candidate(raw.line(), clean, Identifiers.of(base, clean)));
                            }
                        } catch (RowParser.Refused e) {
                            rejects.add(new Reject(raw.line(), e.getMessage()));
                        }
                    }
                    if (batch.size() + rejects.size() >= journal.batchSize()) {
                        commit(journal, batch, rejects, lastLine, totals, actor, mapped, pipeline);
                        batch.clear();
                        rejects.clear();
                    }
                }
                commit(journal, batch, rejects, lastLine, totals, actor, mapped, pipeline);
                pipeline.await();
                base.db.tx(c -> Db.update(c, "UPDATE CONTACTS_IMPORT SET STATUS = 'COMPLETED', FINISHED_AT = ? "
                        + "WHERE ID = ?", base.clock.millis(), journal.id()));
                pipeline.report(totals[0], totals[1], totals[2]);
            } finally {
                pipeline.drain();
            }
        } catch (IOException e) {
            throw new UnavailableException("Cannot read the import file " + file.getFileName() + ": "
                    + e.getMessage());
        } finally {
            writeReport(journal, totals, started);
        }
        base.audit.append(AuditEvent.builder(actor, "contacts.import.complete").target(Contacts.MODULE, TYPE,
                journal.id()).details(totals[0] + " records: " + totals[1] + " imported, " + totals[2] + " rejected")
                .build());
        return new ImportSummary(journal.id(), journal.fileName(), ImportSummary.Status.COMPLETED, totals[0],
                totals[1], totals[2], reportFile(journal.id()), summaryFile(journal.id()),
                Duration.between(started, base.clock.instant()));
    }

    private static String describe(List<Violation> violations) {
        StringBuilder text = new StringBuilder();
        for (Violation v : violations) {
            if (text.length() > 0) {
                text.append("; ");
            }
            text.append(v.field()).append(": ").append(v.reason());
        }
        return ContactsBase.truncate(text.toString(), 1000);
    }

    /**
     * Checks duplicates and the blocklist and encrypts in parallel on this thread, then hands the batch to the writer,
     * which stores contacts, rejects and journal at once while this thread goes on with the next batch.
     */
    private void commit(Journal journal, List<Candidate> batch, List<Reject> rejects, long lastLine, long[] totals,
            Actor actor, List<String> mapped, Pipeline pipeline) {
        if (batch.isEmpty() && rejects.isEmpty()) {
            return;
        }
        List<Reject> refused = new ArrayList<>(rejects);
        List<Candidate> accepted = new ArrayList<>();
        Map<String, Long> inFlight = pipeline.inFlight();
        Map<String, Long> seen = new HashMap<>();
        // without locks: a read-committed probe that meets the uncommitted rows of the batch being written waits for
        // its commit, which turned the overlap of reading and writing back into taking turns; those rows are known
        // here anyway (inFlight)
        Map<String, String> existing = base.db.txReadUncommitted(c -> existingEmails(c, batch, inFlight));
        String prefix = journal.hash().substring(0, 32) + ":";
        for (Candidate candidate : batch) {
            String index = candidate.ids().email();
            if (index != null) {
                Long writing = inFlight.get(index);
                String key = existing.get(index);
                if (writing != null || key != null) {
                    refused.add(new Reject(candidate.line(), writing != null || key.startsWith(prefix)
                            ? "duplicate e-mail address: same as line " + (writing != null ? writing
                                    : key.substring(prefix.length())) + " of this file"
                            : "duplicate e-mail address: a contact with this address exists"));
                    continue;
                }
                Long first = seen.putIfAbsent(index, candidate.line());
                if (first != null) {
                    refused.add(new Reject(candidate.line(), "duplicate e-mail address: same as line " + first
                            + " of this file"));
                    continue;
                }
            }
            if (base.blocklisted(candidate.ids().present())) {
                refused.add(new Reject(candidate.line(), "a person with this e-mail address or phone number was "
                        + "erased before; create the contact on its own with an override and a reason"));
                continue;
            }
            accepted.add(candidate);
        }
        List<ContactStore.Prepared> prepared = prepare(journal, accepted, actor, prefix);
        totals[1] += prepared.size();
        totals[2] += refused.size();
        Checked checked = new Checked(prepared, refused, seen, lastLine, totals[0], totals[1], totals[2]);
        pipeline.submit(checked, () -> write(journal, checked, actor, mapped));
    }

    private void write(Journal journal, Checked batch, Actor actor, List<String> mapped) {
        long now = base.clock.millis();
        base.db.tx(c -> {
            ContactStore.insert(c, batch.contacts());
            List<Object[]> rows = new ArrayList<>();
            for (Reject r : batch.refused()) {
                rows.add(new Object[] { Uuids.timeOrdered().toString(), journal.id(), r.line(), r.reason() });
            }
            ContactStore.batch(c, "INSERT INTO CONTACTS_IMPORT_REJECT (ID, IMPORT_ID, LINE_NO, REASON) VALUES "
                    + "(?, ?, ?, ?)", rows);
            Db.update(c, "UPDATE CONTACTS_IMPORT SET LAST_LINE = ?, RECORDS = ?, IMPORTED = ?, REJECTED = ? "
                    + "WHERE ID = ?", batch.lastLine(), batch.records(), batch.imported(), batch.rejected(),
                    journal.id());
            // audited inside the transaction: an entry may describe a batch a crash rolled back, never the reverse
            base.audit.append(AuditEvent.builder(actor, "contacts.import.batch").target(Contacts.MODULE, TYPE,
                    journal.id()).fields(mapped.stream().limit(AuditEvent.MAX_FIELDS).toList())
                    .details("up to line " + batch.lastLine() + ": " + batch.contacts().size() + " contacts created, "
                            + batch.refused().size() + " records rejected, at " + Instant.ofEpochMilli(now))
                    .build());
            return null;
        });
    }

    private List<ContactStore.Prepared> prepare(Journal journal, List<Candidate> accepted, Actor actor,
            String prefix) {
        long now = base.clock.millis();
        List<PersonId> persons = new ArrayList<>(accepted.size());
        for (int k = 0; k < accepted.size(); k++) {
            persons.add(PersonId.random());
        }
        // every imported row is a new person: one synced key pack for the batch instead of one key file each
        base.encryption.prepareKeys(persons);
        int chunks = Math.max(1, Math.min(accepted.size() / 50 + 1, base.config.importThreads() * 2));
        int size = (accepted.size() + chunks - 1) / chunks;
        List<Future<List<ContactStore.Prepared>>> futures = new ArrayList<>();
        for (int from = 0; from < accepted.size(); from += size) {
            int first = from;
            List<Candidate> part = accepted.subList(from, Math.min(accepted.size(), from + size));
            futures.add(workers.submit(() -> {
                List<ContactStore.Prepared> out = new ArrayList<>(part.size());
                int k = first;
                for (Candidate candidate : part) {
                    Map<String, String> values = new HashMap<>(candidate.values());
                    values.putIfAbsent(BuiltInFields.OWNER, actor.userId());
                    // the source (file, line, import, user, time) is the journal and the import key: no source row
                    out.add(store.prepare(Uuids.timeOrdered().toString(), persons.get(k++), values,
                            candidate.ids(), List.of(), List.of(), prefix + candidate.line(), journal.id(), now));
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
    private static Map<String, String> existingEmails(Connection c, List<Candidate> batch, Map<String, Long> inFlight)
            throws SQLException {
        Map<String, String> found = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT IMPORT_KEY FROM CONTACTS_CONTACT WHERE EMAIL_TOKEN = ?")) {
            for (Candidate candidate : batch) {
                String index = candidate.ids().email();
                if (index == null || found.containsKey(index) || inFlight.containsKey(index)) {
                    continue;
                }
                s.setLong(1, ContactsBase.token(index));
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

    // ============================================================================================== journal

    private Optional<Journal> latestByHash(Connection c, String hash) throws SQLException {
        try (PreparedStatement s = Db.bind(c, "SELECT * FROM CONTACTS_IMPORT WHERE FILE_HASH = ? ORDER BY STARTED_AT "
                + "DESC", hash); ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(journal(rs)) : Optional.empty();
        }
    }

    private Optional<Journal> byId(Connection c, String id) throws SQLException {
        try (PreparedStatement s = Db.bind(c, "SELECT * FROM CONTACTS_IMPORT WHERE ID = ?", id);
                ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(journal(rs)) : Optional.empty();
        }
    }

    private static Journal journal(ResultSet rs) throws SQLException {
        String delimiter = rs.getString("DELIMITER_CHAR");
        return new Journal(rs.getString("ID"), rs.getString("FILE_HASH"), rs.getString("FILE_NAME"),
                ImportFormat.valueOf(rs.getString("FORMAT")), delimiter == null || delimiter.isEmpty() ? ','
                        : delimiter.charAt(0), SourceCodec.decode(rs.getString("MAPPING")), rs.getInt("BATCH_SIZE"),
                rs.getString("STATUS"), rs.getLong("LAST_LINE"), rs.getLong("RECORDS"), rs.getLong("IMPORTED"),
                rs.getLong("REJECTED"), rs.getLong("STARTED_AT"));
    }

    // ============================================================================================== files

    private static void requireReadable(Path file) {
        if (file == null) {
            throw new ValidationException("file", "is required");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ValidationException("file", "cannot be read: " + file.getFileName());
        }
    }

    static String hash(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new ValidationException("file", "cannot be read: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ImportFormat detectFormat(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".vcf") || name.endsWith(".vcard")) {
            return ImportFormat.VCARD;
        }
        String first = firstLine(file);
        return first.strip().toUpperCase(java.util.Locale.ROOT).startsWith("BEGIN:VCARD") ? ImportFormat.VCARD
                : ImportFormat.CSV;
    }

    /** The delimiter that occurs more often outside quotes in the header line: a semicolon or a comma. */
    private static char detectDelimiter(Path file) {
        String header = firstLine(file);
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (char ch : header.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && ch == ',') {
                commas++;
            } else if (!quoted && ch == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    private static String firstLine(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(64 * 1024);
            String text = new String(head, StandardCharsets.ISO_8859_1);
            int end = text.indexOf('\n');
            return end < 0 ? text : text.substring(0, end);
        } catch (IOException e) {
            throw new ValidationException("file", "cannot be read: " + e.getMessage());
        }
    }

    Path reportFile(String importId) {
        return base.reportFolder().resolve("import-" + importId + "-rejected.csv");
    }

    Path summaryFile(String importId) {
        return base.reportFolder().resolve("import-" + importId + "-summary.txt");
    }

    /** Writes the report (line, reason) from the journal's rejects, and the summary; never a value. */
    private void writeReport(Journal journal, long[] totals, Instant started) {
        Path report = reportFile(journal.id());
        try {
            Files.createDirectories(report.getParent());
            try (BufferedWriter out = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
                out.write("line,reason\r\n");
                base.db.tx(c -> {
                    try (PreparedStatement s = Db.bind(c, "SELECT LINE_NO, REASON FROM CONTACTS_IMPORT_REJECT WHERE "
                            + "IMPORT_ID = ? ORDER BY LINE_NO", journal.id()); ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            out.write(rs.getLong(1) + ",\"" + rs.getString(2).replace("\"", "\"\"") + "\"\r\n");
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return null;
                });
            }
            Files.writeString(summaryFile(journal.id()), "import " + journal.id() + "\nfile " + journal.fileName()
                    + "\nsha-256 " + journal.hash() + "\nformat " + journal.format() + "\nrecords " + totals[0]
                    + "\nimported " + totals[1] + "\nrejected " + totals[2] + "\nreport " + report.getFileName()
                    + "\nrun started " + started + "\nrun ended " + base.clock.instant() + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            base.logger.error("Cannot write the report of import {} into {}: {}", journal.id(), report.getParent(),
                    e.getMessage());
        }
    }
}
