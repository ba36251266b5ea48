package org.steward.contacts.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.contacts.Contacts;
import org.steward.contacts.ImportFormat;
import org.steward.contacts.ImportPreview;
import org.steward.contacts.PurposeBasis;
import org.steward.core.Actor;
import org.steward.core.Uuids;
import org.steward.persistence.JdbcTransactions;

/**
 * The dry run of an import over its first rows: read, normalised and checked (duplicates in the rows read and in
 * the database, the erasure blocklist) as the import would, with nothing written but the audit entry of the preview.
 * The values go back to the user who holds the file; they are never logged or audited.
 */
final class ImportPreviews {

    private final JdbcTransactions db;
    private final ErasureChecks erasure;
    private final AuditLog audit;

    ImportPreviews(JdbcTransactions db, ErasureChecks erasure, AuditLog audit) {
        this.db = db;
        this.erasure = erasure;
        this.audit = audit;
    }

    ImportPreview preview(String fileName, ImportFormat format, ImportSource source, ImportRows checks, int limit,
            Actor actor) throws IOException {
        List<Object> read = new ArrayList<>(); // a Row, or a RowOutcome already rejected
        List<ImportRows.Row> valid = new ArrayList<>();
        RecordReader.Raw raw;
        while (read.size() < limit && (raw = source.next()) != null) {
            if (raw.problem() != null) {
                read.add(rejected(raw.line(), raw.problem()));
                continue;
            }
            try {
                ImportRows.Row row = checks.check(raw.line(), source.parse(raw));
                if (row.rejection() != null) {
                    read.add(rejected(raw.line(), row.rejection()));
                } else {
                    read.add(row);
                    valid.add(row);
                }
            } catch (RowParser.Refused e) {
                read.add(rejected(raw.line(), e.getMessage()));
            }
        }
        Set<String> knownCompanies = new HashSet<>();
        Map<String, String> existing = db.read(c -> {
            knownCompanies.addAll(companies(c, valid));
            return ImportBatches.existingEmails(c, valid, Map.of());
        });
        Map<String, Long> seen = new HashMap<>();
        List<ImportPreview.RowOutcome> outcomes = new ArrayList<>(read.size());
        int rejected = 0;
        for (Object item : read) {
            if (item instanceof ImportPreview.RowOutcome done) {
                outcomes.add(done);
                rejected++;
                continue;
            }
            ImportRows.Row row = (ImportRows.Row) item;
            String refusal = refusal(row, existing, seen);
            if (refusal != null) {
                outcomes.add(rejected(row.line(), refusal));
                rejected++;
            } else {
                outcomes.add(outcome(row, knownCompanies));
            }
        }
        audit.append(AuditEvent.builder(actor, "contacts.import.preview").target(Contacts.MODULE, ImportService.TYPE,
                Uuids.timeOrdered().toString()).details(format + " file, layout " + source.layout() + ": " + outcomes.size()
                        + " records previewed, " + rejected + " would be rejected")
                .build());
        return new ImportPreview(fileName, format, source.layout(), mapping(source, checks.columns()), outcomes);
    }

    /** Why the import would refuse a valid row (duplicate, erased before), or null. */
    private String refusal(ImportRows.Row row, Map<String, String> existing, Map<String, Long> seen) {
        String index = row.ids().email();
        if (index != null) {
            if (existing.containsKey(index)) {
                return ImportBatches.DUPLICATE;
            }
            Long first = seen.putIfAbsent(index, row.line());
            if (first != null) {
                return "duplicate e-mail address: same as line " + first + " of this file";
            }
        }
        return erasure.blocklisted(row.ids().present()) ? ImportBatches.ERASED : null;
    }

    private static ImportPreview.RowOutcome outcome(ImportRows.Row row, Set<String> knownCompanies) {
        Map<String, String> values = new LinkedHashMap<>();
        row.values().forEach((field, value) -> {
            if (value != null) {
                values.put(field, value);
            }
        });
        List<String> notes = new ArrayList<>();
        boolean changed = false;
        for (ImportRows.Note note : row.notes()) {
            notes.add(note.text());
            changed |= note.kind() != ImportRows.Note.Kind.INFO;
        }
        if (row.company() != null) {
            values.put("company", row.company());
            if (!knownCompanies.contains(CompanyService.key(row.company()))) {
                notes.add("company: a company of this name will be created");
            }
        }
        for (PurposeBasis basis : row.bases()) {
            values.put("basis." + basis.purpose(), basis.basis().name());
        }
        return new ImportPreview.RowOutcome(row.line(), changed ? ImportPreview.Outcome.NORMALISED
                : ImportPreview.Outcome.IMPORTED, values, notes, "");
    }

    private static ImportPreview.RowOutcome rejected(long line, String reason) {
        return new ImportPreview.RowOutcome(line, ImportPreview.Outcome.REJECTED, Map.of(), List.of(), reason);
    }

    /** The company keys of the rows that name an existing company. */
    private static Set<String> companies(Connection c, List<ImportRows.Row> rows) throws java.sql.SQLException {
        Set<String> found = new HashSet<>();
        Set<String> asked = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT ID FROM CONTACTS_COMPANY WHERE NAME_KEY = ? AND "
                + "DELETED_AT IS NULL")) {
            for (ImportRows.Row row : rows) {
                if (row.company() != null && asked.add(CompanyService.key(row.company()))) {
                    s.setString(1, CompanyService.key(row.company()));
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            found.add(CompanyService.key(row.company()));
                        }
                    }
                }
            }
        }
        return found;
    }

    /** Every column and its field; for vCards the properties met, as their fields. */
    private static List<ImportPreview.ColumnMapping> mapping(ImportSource source, ImportColumns columns) {
        List<ImportPreview.ColumnMapping> mapping = new ArrayList<>();
        if (!source.vcard()) {
            for (ImportColumns.Column c : source.columns()) {
                mapping.add(new ImportPreview.ColumnMapping(c.header(), c.field()));
            }
        } else {
            for (ImportColumns.Slot slot : columns.slots()) {
                mapping.add(new ImportPreview.ColumnMapping(String.join(" + ", slot.headers), slot.field));
            }
        }
        return mapping;
    }
}
