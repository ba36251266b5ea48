package org.steward.contacts.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.contacts.ContactImport;
import org.steward.contacts.Contacts;
import org.steward.contacts.ImportFormat;
import org.steward.contacts.ImportListener;
import org.steward.contacts.ImportOptions;
import org.steward.contacts.ImportPreview;
import org.steward.contacts.ImportSummary;
import org.steward.core.Actor;
import org.steward.core.ConflictException;
import org.steward.core.NotFoundException;
import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;
import org.steward.core.Violation;
import org.steward.permissions.AccessDecisions;
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
    /** The fields a vCard maps to. */
    private static final List<String> VCARD_FIELDS = VCards.FIELDS;

    private final Fields fields;
    private final ImportValues values;
    private final Sealing sealing;
    private final Clock clock;
    private final Logger logger;
    private final ImportJournal journals;
    private final ImportReports reports;
    private final ImportBatches batches;
    private final AccessDecisions access;
    private final AuditLog audit;

    @Activate
    public ImportService(@Reference ContactsModule module, @Reference AccessDecisions access,
            @Reference AuditLog audit) {
        this.fields = module.fields();
        this.values = new ImportValues(module.validation());
        this.sealing = module.sealing();
        this.clock = module.clock();
        this.logger = module.logger();
        this.access = access;
        this.audit = audit;
        this.journals = new ImportJournal(module.db(), clock);
        this.reports = new ImportReports(module.reportFolder(), module.db(), clock, logger);
        this.batches = new ImportBatches(module.db(), module.store(), sealing, module.erasure(), clock, audit,
                module.importThreads());
    }

    @Deactivate
    void deactivate() {
        batches.close();
    }

    @Override
    public ImportSummary importFile(Path file, ImportOptions options, ImportListener listener, Actor actor) {
        access.require(actor, Operation.IMPORT, Contacts.MODULE, Optional.empty());
        ImportOptions opts = options == null ? ImportOptions.defaults() : options;
        ImportValues.region(opts.defaultRegion()); // refuses a region that names no country before anything starts
        ImportFiles.requireReadable(file);
        String hash = ImportFiles.hash(file);
        Optional<Journal> earlier = journals.latestByHash(hash);
        if (earlier.isPresent() && "COMPLETED".equals(earlier.get().status())) {
            Journal j = earlier.get();
            audit.append(AuditEvent.builder(actor, "contacts.import.skip").target(Contacts.MODULE, TYPE, j.id())
                    .details("the same file was imported completely before").build());
            return summary(j, ImportSummary.Status.ALREADY_IMPORTED, j.records(), j.imported(), j.rejected(),
                    Duration.ZERO);
        }
        if (earlier.isPresent()) {
            recordResume(earlier.get(), actor);
            return run(earlier.get(), file, opts, listener, actor);
        }
        ImportFormat format = opts.format() == ImportFormat.AUTO ? ImportFiles.detectFormat(file) : opts.format();
        char delimiter = format == ImportFormat.CSV ? (opts.delimiter() == 0 ? ImportFiles.detectDelimiter(file)
                : opts.delimiter()) : ',';
        if (delimiter != ',' && delimiter != ';' && delimiter != '\t') {
            throw new ValidationException("delimiter", "must be a comma, a semicolon or a tab");
        }
        Journal journal = journals.start(hash, file.getFileName().toString(), format, delimiter, opts.mapping(),
                opts.batchSize(), actor.userId());
        audit.append(AuditEvent.builder(actor, "contacts.import.start").target(Contacts.MODULE, TYPE,
                journal.id()).details(format + " file, sha-256 " + hash.substring(0, 16)).build());
        return run(journal, file, opts, listener, actor);
    }

    @Override
    public ImportSummary resume(String importId, Path file, ImportListener listener, Actor actor) {
        access.require(actor, Operation.IMPORT, Contacts.MODULE, Optional.empty());
        Journal journal = journals.byId(importId).orElseThrow(() -> new NotFoundException("Import", importId));
        ImportFiles.requireReadable(file);
        if (!journal.hash().equals(ImportFiles.hash(file))) {
            throw new ConflictException("The file differs from the one import " + importId + " started with");
        }
        if ("COMPLETED".equals(journal.status())) {
            return summary(journal, ImportSummary.Status.COMPLETED, journal.records(), journal.imported(),
                    journal.rejected(), Duration.ZERO);
        }
        recordResume(journal, actor);
        return run(journal, file, ImportOptions.defaults(), listener, actor);
    }

    private void recordResume(Journal journal, Actor actor) {
        journals.recordResume(journal, actor.userId());
        audit.append(AuditEvent.builder(actor, "contacts.import.resume").target(Contacts.MODULE, TYPE,
                journal.id()).details("after line " + journal.lastLine()).build());
    }

    @Override
    public ImportPreview preview(Path file, ImportOptions options, int rows, Actor actor) {
        throw new UnsupportedOperationException("the preview comes with the import pipeline's branch");
    }

    @Override
    public List<ImportSummary> unfinished(Actor actor) {
        access.require(actor, Operation.IMPORT, Contacts.MODULE, Optional.empty());
        return journals.running().stream().map(j -> summary(j, ImportSummary.Status.RUNNING, j.records(),
                j.imported(), j.rejected(), Duration.ZERO)).toList();
    }

    private ImportSummary summary(Journal j, ImportSummary.Status status, long records, long imported, long rejected,
            Duration took) {
        return new ImportSummary(j.id(), j.fileName(), status, records, imported, rejected,
                reports.reportFile(j.id()), reports.summaryFile(j.id()), took);
    }

    // ============================================================================================== the run

    private ImportSummary run(Journal journal, Path file, ImportOptions options, ImportListener listener,
            Actor actor) {
        Instant started = clock.instant();
        long[] totals = { journal.records(), journal.imported(), journal.rejected() };
        boolean vcard = journal.format() == ImportFormat.VCARD;
        RowParser parser = new RowParser(journal.delimiter());
        ImportListener progress = listener == null ? ImportListener.NONE : listener;
        try (InputStream in = Files.newInputStream(file); RecordReader reader = new RecordReader(in, vcard)) {
            List<String> mapped = vcard ? VCARD_FIELDS : header(journal, reader, parser);
            access.requireFields(actor, Contacts.MODULE, ContactService.TYPE, fields.classifications(),
                    Purpose.EDIT, mapped.stream().filter(f -> fields.field(f).isPresent()).toList());
            List<ImportBatches.Candidate> batch = new ArrayList<>(journal.batchSize());
            List<ImportBatches.Reject> rejects = new ArrayList<>();
            long lastLine = journal.lastLine();
            ImportBatches.Run run = batches.run(journal, actor, mapped, progress);
            try {
                RecordReader.Raw raw;
                while ((raw = reader.next()) != null) {
                    if (raw.line() <= journal.lastLine()) {
                        continue; // committed before the interruption
                    }
                    lastLine = raw.endLine();
                    totals[0]++;
                    check(raw, vcard, parser, options, batch, rejects);
                    if (batch.size() + rejects.size() >= journal.batchSize()) {
                        run.commit(batch, rejects, lastLine, totals);
                        batch.clear();
                        rejects.clear();
                    }
                }
                run.commit(batch, rejects, lastLine, totals);
                run.await();
                journals.complete(journal);
                run.report(totals[0], totals[1], totals[2]);
            } finally {
                run.drain();
            }
        } catch (IOException e) {
            throw new UnavailableException("Cannot read the import file " + file.getFileName() + ": "
                    + e.getMessage());
        } finally {
            reports.write(journal, totals, started);
        }
        audit.append(AuditEvent.builder(actor, "contacts.import.complete").target(Contacts.MODULE, TYPE,
                journal.id()).details(totals[0] + " records: " + totals[1] + " imported, " + totals[2] + " rejected")
                .build());
        return summary(journal, ImportSummary.Status.COMPLETED, totals[0], totals[1], totals[2],
                Duration.between(started, clock.instant()));
    }

    /** Reads the CSV header and returns the fields its columns map to. */
    private List<String> header(Journal journal, RecordReader reader, RowParser parser) throws IOException {
        RecordReader.Raw header = reader.next();
        if (header == null || header.text() == null) {
            throw new ValidationException("file", "has no readable header line (UTF-8 expected)");
        }
        try {
            RowParser.HeaderMapping mapping = parser.header(header.text(), journal.mapping(), fields);
            long unmapped = mapping.columns().stream().filter(c -> c.field() == null).count();
            if (journal.lastLine() == 0) {
                logger.info("Import {}: layout {}, {} columns are not mapped and are left out", journal.id(),
                        mapping.layout(), unmapped);
            }
        } catch (RowParser.Refused e) {
            throw new ValidationException("header", e.getMessage());
        }
        return parser.mappedFields();
    }

    /** Parses and validates one record into the batch, or its reason into the rejects. */
    private void check(RecordReader.Raw raw, boolean vcard, RowParser parser, ImportOptions options,
            List<ImportBatches.Candidate> batch, List<ImportBatches.Reject> rejects) {
        if (raw.problem() != null) {
            rejects.add(new ImportBatches.Reject(raw.line(), raw.problem()));
            return;
        }
        try {
            Map<String, String> row = RowParser.knownFields(vcard ? RowParser.vcard(raw.text())
                    : parser.csv(raw.text()), fields);
            ImportValues.Outcome outcome = values.normalise(row, options.defaultRegion(), options.dateOrder());
            List<Violation> violations = outcome.violations();
            Map<String, String> clean = outcome.values();
            if (!violations.isEmpty()) {
                rejects.add(new ImportBatches.Reject(raw.line(), describe(violations)));
            } else {
                batch.add(new ImportBatches.Candidate(raw.line(), clean, Identifiers.of(sealing, clean)));
            }
        } catch (RowParser.Refused e) {
            rejects.add(new ImportBatches.Reject(raw.line(), e.getMessage()));
        }
    }

    private static String describe(List<Violation> violations) {
        StringBuilder text = new StringBuilder();
        for (Violation v : violations) {
            if (text.length() > 0) {
                text.append("; ");
            }
            text.append(v.field()).append(": ").append(v.reason());
        }
        return Sealing.truncate(text.toString(), 1000);
    }
}
