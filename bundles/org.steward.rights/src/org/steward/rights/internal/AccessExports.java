package org.steward.rights.internal;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.steward.audit.AuditEntry;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditPage;
import org.steward.audit.AuditQuery;
import org.steward.audit.Outcome;
import org.steward.core.Actor;
import org.steward.core.ConflictException;
import org.steward.core.DataClassification;
import org.steward.core.DataDirectory;
import org.steward.core.NotFoundException;
import org.steward.core.PersonId;
import org.steward.core.StewardException;
import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;
import org.steward.core.spi.DataCategory;
import org.steward.core.spi.DataDescription;
import org.steward.core.spi.ExportedRecord;
import org.steward.core.spi.FieldDescription;
import org.steward.core.spi.PersonalDataExport;
import org.steward.core.spi.PersonalDataProvider;
import org.steward.encryption.FieldEncryption;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Operation;
import org.steward.persistence.Transactions;
import org.steward.rights.ExportReport;
import org.steward.rights.RequestId;
import org.steward.rights.RequestRegister;
import org.steward.rights.RequestType;
import org.steward.rights.RightsRequest;

/**
 * The access and portability package (Art. 15, 20) over every installed provider, the audit trail about the person
 * and their own requests. Every package written is tracked first, so that a later erasure deletes it.
 */
final class AccessExports {

    static final String AUDIT_MODULE = "audit";

    private final Transactions db;
    private final AccessDecisions access;
    private final RightsAudit audit;
    private final FieldEncryption encryption;
    private final Providers providers;
    private final RequestBook requests;
    private final Supplier<Clock> clock;
    private final DataDirectory dataDirectory;
    private final RightsConfiguration config;
    private final URL schema;

    AccessExports(Transactions db, AccessDecisions access, RightsAudit audit, FieldEncryption encryption,
            Providers providers, RequestBook requests, Supplier<Clock> clock, DataDirectory dataDirectory,
            RightsConfiguration config, URL schema) {
        this.db = db;
        this.access = access;
        this.audit = audit;
        this.encryption = encryption;
        this.providers = providers;
        this.requests = requests;
        this.clock = clock;
        this.dataDirectory = dataDirectory;
        this.config = config;
        this.schema = schema;
    }

    ExportReport export(PersonId person, Path file, Optional<RequestId> request, Actor actor) {
        access.require(actor, Operation.EXPORT, RequestRegister.MODULE, Optional.empty());
        if (person == null) {
            throw new ValidationException("person", "is required");
        }
        if (file == null || file.getFileName() == null) {
            throw new ValidationException("file", "is required");
        }
        Optional<RequestId> answered = request == null ? Optional.empty() : request;
        answered.ifPresent(id -> {
            RightsRequest r = requests.find(id).orElseThrow(() -> new NotFoundException("Rights request", id));
            if (!r.person().equals(person)) {
                throw new ValidationException("request", "is about another person");
            }
            if (r.type() != RequestType.ACCESS && r.type() != RequestType.PORTABILITY) {
                throw new ValidationException("request", "is no access or portability request");
            }
        });
        Path target = file.isAbsolute() ? file : dataDirectory.area(config.exportFolder()).resolve(file);
        List<ModuleData> modules = collect(person, actor);
        Instant generatedAt = clock.get().instant();
        String exportId = UUID.randomUUID().toString();
        boolean tracked = track(exportId, person, answered, target, actor, generatedAt);
        List<String> entries;
        try {
            entries = new ExportPackage(person, generatedAt, answered.map(RequestId::value), modules, schema)
                    .writeTo(target);
        } catch (RuntimeException e) {
            if (tracked) {
                untrack(exportId);
            }
            audit.append(audit.event(actor, "rights.export", "export", exportId, person).outcome(Outcome.FAILED)
                    .details(e.getClass().getSimpleName()));
            throw e;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        modules.forEach(m -> counts.put(m.module(), m.records().size()));
        long bytes;
        try {
            bytes = Files.size(target);
        } catch (IOException e) {
            bytes = -1;
        }
        audit.append(audit.event(actor, "rights.export", "export", exportId, person)
                .details("records " + counts + answered.map(id -> "; request " + id).orElse("")));
        return new ExportReport(person, target, counts, entries, bytes);
    }

    /** What every provider holds about the person, then the audit trail about them and their own requests. */
    private List<ModuleData> collect(PersonId person, Actor actor) {
        List<ModuleData> modules = new ArrayList<>();
        for (Map.Entry<String, PersonalDataProvider> entry : providers.all()) {
            String module = entry.getKey();
            try {
                DataDescription description = entry.getValue().describe();
                PersonalDataExport export = entry.getValue().export(person, actor);
                modules.add(new ModuleData(module, description.categories(), export.records(), export.files()));
            } catch (StewardException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new UnavailableException("The module " + module + " could not export the person's data (an "
                        + "internal error, recorded in the server log); nothing was written", e);
            }
        }
        modules.add(auditTrail(person));
        modules.add(ownRequests(person));
        return modules;
    }

    private ModuleData auditTrail(PersonId person) {
        List<ExportedRecord> records = new ArrayList<>();
        AuditQuery query = AuditQuery.builder().person(person).oldestFirst()
                .limit(Math.max(10, Math.min(AuditQuery.MAX_LIMIT, config.auditPageSize()))).build();
        while (true) {
            AuditPage page = audit.log().query(query);
            for (AuditEntry entry : page.entries()) {
                AuditEvent e = entry.event();
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("seq", entry.seq());
                fields.put("time", entry.time().toString());
                fields.put("action", e.action());
                fields.put("module", e.targetModule());
                fields.put("recordType", e.targetType());
                fields.put("recordId", e.targetId());
                fields.put("actor", e.actor().loginName());
                fields.put("channel", e.actor().channel().name());
                fields.put("outcome", e.outcome().name());
                fields.put("fields", e.fields());
                fields.put("details", e.details());
                records.add(new ExportedRecord("audit trail", "audit-entry", Long.toString(entry.seq()), fields,
                        ""));
            }
            if (!page.hasMore()) {
                break;
            }
            query = query.next(page);
        }
        DataCategory category = new DataCategory("audit trail", List.of(
                new FieldDescription("time", DataClassification.PERSONAL, "when your data was used"),
                new FieldDescription("action", DataClassification.NOT_PERSONAL, "what was done"),
                new FieldDescription("actor", DataClassification.PERSONAL, "who did it"),
                new FieldDescription("fields", DataClassification.NOT_PERSONAL, "which fields, never their values")),
                List.of("accountability: showing who used personal data, when and how (Art. 5(2))"),
                List.of("legal obligation (Art. 6(1)(c))"), List.of(),
                "kept as long as the records it is about; entries hold no personal values");
        return new ModuleData(AUDIT_MODULE, List.of(category), records);
    }

    private ModuleData ownRequests(PersonId person) {
        List<ExportedRecord> records = new ArrayList<>();
        for (RightsRequest r : requests.requestsOf(person)) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("type", r.type().name());
            fields.put("received", r.received().toString());
            fields.put("channel", r.channel());
            fields.put("state", r.state().name());
            fields.put("due", r.due().toString());
            fields.put("extensionReason", r.extensionReason());
            fields.put("refusalReason", r.refusalReason());
            records.add(new ExportedRecord("rights requests", "request", r.id().value(), fields, r.channel()));
        }
        DataCategory category = new DataCategory("rights requests", List.of(
                new FieldDescription("type", DataClassification.PERSONAL, "which right you exercised"),
                new FieldDescription("received", DataClassification.PERSONAL, "when we received the request"),
                new FieldDescription("state", DataClassification.PERSONAL, "where the request stands")),
                List.of("answering your requests under GDPR Art. 15-21"), List.of("legal obligation (Art. 6(1)(c))"),
                List.of(), "kept to show that requests were answered (Art. 5(2))");
        return new ModuleData(RequestRegister.MODULE, List.of(category), records);
    }

    /** Records the export before it is written, so that no file of the person escapes a later erasure. */
    private boolean track(String exportId, PersonId person, Optional<RequestId> request, Path target, Actor actor,
            Instant at) {
        String cipher;
        try {
            cipher = encryption.encrypt(person, exportId, "path", target.toAbsolutePath().toString());
        } catch (ConflictException erased) {
            return false; // the person's key was shredded: nothing personal is left to export or to delete later
        }
        ExportRecord record = new ExportRecord();
        record.id = exportId;
        record.personId = person.toString();
        record.requestId = request.map(RequestId::value).orElse(null);
        record.pathCipher = cipher;
        record.writtenBy = actor.userId();
        record.writtenAt = at;
        db.run(em -> em.persist(record));
        return true;
    }

    private void untrack(String exportId) {
        db.run(em -> {
            ExportRecord record = em.find(ExportRecord.class, exportId);
            if (record != null) {
                em.remove(record);
            }
        });
    }
}
