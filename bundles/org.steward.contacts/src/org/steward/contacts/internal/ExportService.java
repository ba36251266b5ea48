package org.steward.contacts.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.contacts.ContactExport;
import org.steward.contacts.ContactId;
import org.steward.contacts.Contacts;
import org.steward.contacts.ExportLayout;
import org.steward.contacts.ExportRequest;
import org.steward.contacts.ExportResult;
import org.steward.core.Actor;
import org.steward.core.NotFoundException;
import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.FieldAccessPlan;
import org.steward.permissions.Operation;
import org.steward.permissions.Purpose;
import org.steward.permissions.RecordVisibility;
import org.steward.persistence.JdbcTransactions;


/**
 * CSV (Steward's own, Google's, Outlook's) and vCard (3.0, 4.0) export. The file is written to a temporary sibling and moved into place when complete, so a crash
 * never leaves a half-written export under the target name.
 */
@Component(service = ContactExport.class)
public final class ExportService implements ContactExport {

    private final JdbcTransactions db;
    private final ContactStore store;
    private final Fields fields;
    private final ContactViews views;
    private final ContactSearch search;
    private final AccessDecisions access;
    private final AuditLog audit;

    @Activate
    public ExportService(@Reference ContactsModule module, @Reference AccessDecisions access,
            @Reference AuditLog audit) {
        this.db = module.db();
        this.store = module.store();
        this.fields = module.fields();
        this.access = access;
        this.audit = audit;
        this.views = new ContactViews(db, store, fields, access, audit);
        this.search = new ContactSearch(db, store, module.sealing());
    }

    @Override
    public ExportResult export(ExportRequest request, Path target, Actor actor) {
        if (request == null) {
            throw new ValidationException("request", "is required");
        }
        if (target == null) {
            throw new ValidationException("target", "is required");
        }
        access.require(actor, Operation.EXPORT, Contacts.MODULE, Optional.empty());
        Map<String, org.steward.core.DataClassification> catalogue = fields.classifications();
        FieldAccessPlan plan;
        List<String> fields;
        List<String> leftOut = new ArrayList<>();
        if (!request.fields().isEmpty()) {
            // asked for explicitly: every field must be exportable, sensitive ones after a recent re-authentication
            plan = access.requireFields(actor, Contacts.MODULE, ContactService.TYPE, catalogue, Purpose.EXPORT,
                    request.fields());
            fields = List.copyOf(new LinkedHashSet<>(request.fields()));
        } else {
            plan = access.fields(actor, Contacts.MODULE, ContactService.TYPE, catalogue, Purpose.EXPORT);
            fields = catalogue.keySet().stream().filter(plan::canRead).toList();
            catalogue.keySet().stream().filter(f -> !plan.canRead(f)).forEach(leftOut::add);
        }
        List<StoredContact> selection = select(request, actor);
        int restricted = 0;
        List<StoredContact> chosen = new ArrayList<>();
        for (StoredContact s : selection) {
            if (s.restricted() && request.marketing()) {
                if (!request.ids().isEmpty()) {
                    throw audit.refuseRestricted(actor, "contacts.export", Contacts.MODULE, ContactService.TYPE,
                            s.id(), s.person());
                }
                restricted++;
                continue;
            }
            chosen.add(s);
        }
        Path temp = target.resolveSibling(target.getFileName() + ".part");
        try {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            switch (request.layout()) {
                case VCARD_3 -> writeVcards(temp, chosen, Set.copyOf(fields), VCardWriter.V3);
                case VCARD_4 -> writeVcards(temp, chosen, Set.copyOf(fields), VCardWriter.V4);
                case GOOGLE_CSV, OUTLOOK_CSV -> writeLayout(temp, chosen, Set.copyOf(fields), CsvLayouts.named(
                        request.layout() == ExportLayout.GOOGLE_CSV ? CsvLayouts.GOOGLE : CsvLayouts.OUTLOOK));
                default -> writeCsv(temp, chosen, fields);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UnavailableException("Cannot write the export file " + target.getFileName() + ": "
                    + e.getMessage());
        }
        audit.append(AuditEvent.builder(actor, "contacts.export").target(Contacts.MODULE, ContactService.TYPE)
                .fields(fields).details(request.layout() + " export of " + chosen.size() + " contacts"
                        + (request.marketing() ? " for marketing, " + restricted + " restricted left out" : "")
                        + (leftOut.isEmpty() ? "" : "; fields left out: " + String.join(", ", leftOut)))
                .build());
        return new ExportResult(target, chosen.size(), restricted, fields, leftOut);
    }

    private List<StoredContact> select(ExportRequest request, Actor actor) {
        RecordVisibility visibility = access.visibility(actor, Contacts.MODULE, ContactService.TYPE);
        List<StoredContact> found = new ArrayList<>();
        if (!request.ids().isEmpty()) {
            for (ContactId id : request.ids()) {
                StoredContact s = views.loadLive(id.value());
                if (!visibility.isVisible(s.id(), s.owner())) {
                    throw new NotFoundException("Contact", id.value());
                }
                found.add(s);
            }
            return found;
        }
        List<StoredContact> candidates = request.query().isEmpty()
                ? db.write(c -> store.loadWhere(c, "DELETED_AT IS NULL", Integer.MAX_VALUE))
                : search.search(request.query(), 100_000);
        candidates.stream().filter(s -> visibility.isVisible(s.id(), s.owner())).forEach(found::add);
        return found;
    }

    private static void writeCsv(Path file, List<StoredContact> chosen, List<String> fields) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
            List<String> header = new ArrayList<>();
            header.add("id");
            header.addAll(fields);
            csv.printRecord(header);
            for (StoredContact s : chosen) {
                List<String> row = new ArrayList<>();
                row.add(s.id());
                for (String f : fields) {
                    String v = s.values().get(f);
                    row.add(v == null ? "" : v);
                }
                csv.printRecord(row);
            }
        }
    }

    private void writeVcards(Path file, List<StoredContact> chosen, Set<String> fields, String version)
            throws IOException {
        Map<String, String> companies = companyNames(fields);
        try (VCardWriter out = new VCardWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), version)) {
            for (StoredContact s : chosen) {
                String company = s.values().get(BuiltInFields.COMPANY);
                out.write(s.id(), s.values(), fields, company == null ? null : companies.get(company));
            }
        }
    }

    private void writeLayout(Path file, List<StoredContact> chosen, Set<String> fields, CsvLayout layout)
            throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new LayoutCsvWriter(layout).write(out, chosen, fields, companyNames(fields));
        }
    }

    /** Company id to name (companies are not personal data): the other tools know a contact's company by name. */
    private Map<String, String> companyNames(Set<String> fields) {
        if (!fields.contains(BuiltInFields.COMPANY)) {
            return Map.of();
        }
        return db.read(c -> {
            Map<String, String> names = new java.util.HashMap<>();
            try (java.sql.PreparedStatement s = c.prepareStatement("SELECT ID, NAME FROM CONTACTS_COMPANY");
                    java.sql.ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getString(1), rs.getString(2));
                }
            }
            return names;
        });
    }

}
