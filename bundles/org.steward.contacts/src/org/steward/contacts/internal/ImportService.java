package org.steward.contacts.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.contacts.ContactImport;
import org.steward.contacts.Contacts;
import org.steward.contacts.FieldCatalogue;
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
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Operation;

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
    private static final List<String> VCARD_FIELDS = java.util.stream.Stream.concat(VCards.FIELDS.stream(),
            java.util.stream.Stream.of(BuiltInFields.COMPANY)).toList();

    private final Fields fields;
    private final FieldValidation validation;
    private final Sealing sealing;
    private final Clock clock;
    private final Logger logger;
    private final ImportJournal journals;
    private final ImportReports reports;
    private final ImportBatches batches;
    private final AccessDecisions access;
    private final AuditLog audit;
    private final ImportMapping mapping;
    private final ImportPreviews previews;

    @Activate
    public ImportService(@Reference ContactsModule module, @Reference AccessDecisions access,
            @Reference AuditLog audit, @Reference FieldCatalogue catalogue) {
        this.fields = module.fields();
        this.validation = module.validation();
        this.sealing = module.sealing();
        this.clock = module.clock();
        this.logger = module.logger();
        this.access = access;
        this.audit = audit;
        this.journals = new ImportJournal(module.db(), clock);
        this.reports = new ImportReports(module.reportFolder(), module.db(), clock, logger);
        this.batches = new ImportBatches(module.db(), module.store(), sealing, module.erasure(), clock, audit,
                module.importThreads());
        this.mapping = new ImportMapping(fields, catalogue, access);
        this.previews = new ImportPreviews(module.db(), module.erasure(), audit);
    }

    @Deactivate
    void deactivate() {
        batches.close();
    }

    @Override
    public ImportSummary importFile(Path file, ImportOptions options, ImportListener listener, Actor actor) {
        access.require(actor, Operation.IMPORT, Contacts.MODULE, Optional.empty());
        ImportOptions opts = options == null ? ImportOptions.defaults() : options;
        ImportMapping.refuseOverrides(opts.mapping());
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
            return resumeRun(earlier.get(), file, listener, actor);
        }
        ImportFormat format = ImportSource.format(file, opts);
        char delimiter = ImportSource.delimiter(file, format, opts);
        // the header and the permissions it asks for are checked before the journal: a refused file leaves nothing
        ImportSource source = open(file, format, delimiter, opts, true, actor);
        Journal journal;
        try {
            journal = journals.start(hash, file.getFileName().toString(), format, delimiter, opts, source.layout(),
                    actor.userId());
        } catch (RuntimeException e) {
            close(source);
            throw e;
        }
        audit.append(AuditEvent.builder(actor, "contacts.import.start").target(Contacts.MODULE, TYPE,
                journal.id()).details(format + " file, sha-256 " + hash.substring(0, 16)).build());
        return run(journal, source, file, listener, actor);
    }

    /** Opens the file, maps its header and requires the permissions the columns ask for. */
    private ImportSource open(Path file, ImportFormat format, char delimiter, ImportOptions opts, boolean define,
            Actor actor) {
        try {
            ImportSource source = ImportSource.open(file, format, delimiter, opts, mapping, define, actor);
            try {
                List<String> written = source.vcard() ? VCARD_FIELDS
                        : ImportMapping.written(source.columns(), fields);
                mapping.require(actor, source.columns(), written);
                if (source.vcard()) {
                    // a card's ORG names a company, created when missing, as a CSV company column does
                    access.require(actor, Operation.CREATE, Contacts.MODULE, Optional.empty());
                }
                return source;
            } catch (RuntimeException e) {
                close(source);
                throw e;
            }
        } catch (IOException e) {
            throw new UnavailableException("Cannot read the import file " + file.getFileName() + ": "
                    + e.getMessage());
        }
    }

    private static void close(ImportSource source) {
        try {
            source.close();
        } catch (IOException ignored) {
            // the failure that made us close it is the one to report
        }
    }

    private ImportSummary resumeRun(Journal journal, Path file, ImportListener listener, Actor actor) {
        ImportSource source = open(file, journal.format(), journal.delimiter(), ImportJournal.options(journal), true,
                actor);
        try {
            recordResume(journal, actor);
        } catch (RuntimeException e) {
            close(source);
            throw e;
        }
        return run(journal, source, file, listener, actor);
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
        return resumeRun(journal, file, listener, actor);
    }

    private void recordResume(Journal journal, Actor actor) {
        journals.recordResume(journal, actor.userId());
        audit.append(AuditEvent.builder(actor, "contacts.import.resume").target(Contacts.MODULE, TYPE,
                journal.id()).details("after line " + journal.lastLine()).build());
    }

    @Override
    public ImportPreview preview(Path file, ImportOptions options, int rows, Actor actor) {
        access.require(actor, Operation.IMPORT, Contacts.MODULE, Optional.empty());
        if (rows < 1 || rows > 1000) {
            throw new ValidationException("rows", "must be between 1 and 1000");
        }
        ImportOptions opts = options == null ? ImportOptions.defaults() : options;
        ImportFiles.requireReadable(file);
        ImportFormat format = ImportSource.format(file, opts);
        char delimiter = ImportSource.delimiter(file, format, opts);
        try (ImportSource source = open(file, format, delimiter, opts, false, actor)) {
            ImportColumns columns = source.vcard() ? new ImportColumns() : new ImportColumns(source.columns());
            ImportRows checks = new ImportRows(fields, validation, sealing, clock, columns, opts.defaultRegion(),
                    opts.dateOrder(), "the import of " + file.getFileName(), source.planned());
            return previews.preview(file.getFileName().toString(), format, source, checks, rows, actor);
        } catch (IOException e) {
            throw new UnavailableException("Cannot read the import file " + file.getFileName() + ": "
                    + e.getMessage());
        }
    }


    @Override
    public List<ImportSummary> unfinished(Actor actor) {
        access.require(actor, Operation.IMPORT, Contacts.MODULE, Optional.empty());
        return journals.running().stream().map(j -> summary(j, ImportSummary.Status.RUNNING, j.records(),
                j.imported(), j.rejected(), Duration.ZERO)).toList();
    }

    private ImportSummary summary(Journal j, ImportSummary.Status status, long records, long imported, long rejected,
            Duration took) {
        return summary(j, status, records, imported, rejected, took, j.layout(),
                ImportColumns.decode(j.columnCounts()));
    }

    private ImportSummary summary(Journal j, ImportSummary.Status status, long records, long imported, long rejected,
            Duration took, String layout, ImportColumns columns) {
        return new ImportSummary(j.id(), j.fileName(), status, records, imported, rejected,
                reports.reportFile(j.id()), reports.summaryFile(j.id()), took, layout, columns.counts());
    }

    // ============================================================================================== the run

    private ImportSummary run(Journal journal, ImportSource opened, Path file, ImportListener listener, Actor actor) {
        Instant started = clock.instant();
        long[] totals = { journal.records(), journal.imported(), journal.rejected() };
        ImportOptions opts = ImportJournal.options(journal);
        ImportListener progress = listener == null ? ImportListener.NONE : listener;
        ImportColumns columns = null;
        String layout = journal.layout();
        try (ImportSource source = opened) {
            columns = source.vcard() ? new ImportColumns() : new ImportColumns(source.columns());
            columns.restore(journal.columnCounts());
            ImportRows checks = new ImportRows(fields, validation, sealing, clock, columns, opts.defaultRegion(),
                    opts.dateOrder(), "import " + journal.id(), Set.of());
            List<String> mapped = source.vcard() ? VCARD_FIELDS : ImportMapping.written(source.columns(), fields);
            List<ImportRows.Row> batch = new ArrayList<>(journal.batchSize());
            List<ImportBatches.Reject> rejects = new ArrayList<>();
            long lastLine = journal.lastLine();
            ImportBatches.Run run = batches.run(journal, actor, mapped, progress);
            try {
                RecordReader.Raw raw;
                while ((raw = source.next()) != null) {
                    if (raw.line() <= journal.lastLine()) {
                        continue; // committed before the interruption
                    }
                    if (layout == null || layout.isEmpty()) {
                        layout = source.layout();
                        journals.layout(journal, layout);
                    }
                    lastLine = raw.endLine();
                    totals[0]++;
                    check(raw, source, checks, batch, rejects);
                    if (batch.size() + rejects.size() >= journal.batchSize()) {
                        run.commit(batch, rejects, lastLine, totals, columns.encode());
                        batch.clear();
                        rejects.clear();
                    }
                }
                run.commit(batch, rejects, lastLine, totals, columns.encode());
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
            // the counts of what was committed: the journal's, read again
            Journal now = journals.byId(journal.id()).orElse(journal);
            reports.write(now, totals, started);
        }
        audit.append(AuditEvent.builder(actor, "contacts.import.complete").target(Contacts.MODULE, TYPE,
                journal.id()).details(totals[0] + " records: " + totals[1] + " imported, " + totals[2] + " rejected")
                .build());
        return summary(journal, ImportSummary.Status.COMPLETED, totals[0], totals[1], totals[2],
                Duration.between(started, clock.instant()), layout, columns);
    }

    /** Parses and checks one record into the batch, or its reason into the rejects. */
    private static void check(RecordReader.Raw raw, ImportSource source, ImportRows checks,
            List<ImportRows.Row> batch, List<ImportBatches.Reject> rejects) {
        if (raw.problem() != null) {
            rejects.add(new ImportBatches.Reject(raw.line(), raw.problem()));
            return;
        }
        try {
            ImportRows.Row row = checks.check(raw.line(), source.parse(raw));
            if (row.rejection() != null) {
                rejects.add(new ImportBatches.Reject(raw.line(), row.rejection()));
            } else {
                batch.add(row);
            }
        } catch (RowParser.Refused e) {
            rejects.add(new ImportBatches.Reject(raw.line(), e.getMessage()));
        }
    }
}
