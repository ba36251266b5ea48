package org.steward.contacts.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.audit.AuditEvent;
import org.steward.contacts.Contacts;
import org.steward.contacts.DataSource;
import org.steward.contacts.FieldDefinition;
import org.steward.contacts.PurposeBasis;
import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.core.ValidationException;
import org.steward.core.Violation;
import org.steward.core.spi.DataCategory;
import org.steward.core.spi.DataDescription;
import org.steward.core.spi.ErasureOutcome;
import org.steward.core.spi.ExportedRecord;
import org.steward.core.spi.FieldDescription;
import org.steward.core.spi.PersonalDataExport;
import org.steward.core.spi.PersonalDataProvider;
import org.steward.core.spi.RetentionCategory;
import org.steward.core.spi.RetentionParticipant;
import org.steward.core.spi.RetentionResult;
import org.steward.permissions.Operation;

/**
 * The personal-data provider and retention participant of module {@code contacts}. Rights handling works on
 * restricted people too (that is what restriction allows); erasure deletes the rows at once (no recycle bin) and
 * records the person's e-mail and phone blind indexes in the erasure blocklist.
 */
@Component(service = { PersonalDataProvider.class, RetentionParticipant.class },
        property = { PersonalDataProvider.MODULE_PROPERTY + "=" + Contacts.MODULE })
public final class PersonalData implements PersonalDataProvider, RetentionParticipant {

    static final String LEADS_INACTIVE = "leads-inactive";

    private final ContactsBase base;
    private final ContactService contacts;

    @Activate
    public PersonalData(@Reference ContactsBase base, @Reference ContactService contacts) {
        this.base = base;
        this.contacts = contacts;
    }

    @Override
    public String module() {
        return Contacts.MODULE;
    }

    @Override
    public DataDescription describe() {
        List<FieldDescription> fields = new ArrayList<>();
        for (FieldDefinition f : base.fields()) {
            fields.add(new FieldDescription(f.name(), f.classification(), f.label()));
        }
        List<String> bases = List.of("Art. 6(1)(b) contract", "Art. 6(1)(f) legitimate interests (recorded per "
                + "purpose with the balancing test)", "Art. 6(1)(a) consent where the consent module records it");
        return new DataDescription(Contacts.MODULE, List.of(
                new DataCategory("contact details", fields, List.of("customer relationship management",
                        "service communication"), bases, List.of(), "until deleted; deleted records are purged "
                                + "from the recycle bin after the configured period"),
                new DataCategory("data sources", List.of(
                        new FieldDescription("source.type", org.steward.core.DataClassification.NOT_PERSONAL,
                                "web form, import, manual, API, integration, helpdesk"),
                        new FieldDescription("source.name", org.steward.core.DataClassification.PERSONAL,
                                "form, file, user, client or integration name"),
                        new FieldDescription("source.details", org.steward.core.DataClassification.PERSONAL,
                                "IP address and user agent of a web form, file line of an import")),
                        List.of("accountability (Art. 5(2)), Art. 14 information"), bases, List.of(),
                        "as long as the contact"),
                new DataCategory("erasure blocklist overrides", List.of(new FieldDescription(
                        "reason", org.steward.core.DataClassification.PERSONAL,
                        "why a contact was created although the person was erased before, who decided, when")),
                        List.of("accountability (Art. 5(2))"), bases, List.of(), "as long as the contact"),
                new DataCategory("lawful bases", List.of(new FieldDescription("lawfulBases",
                        org.steward.core.DataClassification.PERSONAL, "purpose, basis, justification, last review")),
                        List.of("accountability (Art. 5(2))"), bases, List.of(), "as long as the contact"),
                new DataCategory("leads", List.of(
                        new FieldDescription("firstName", org.steward.core.DataClassification.PERSONAL, "First name"),
                        new FieldDescription("lastName", org.steward.core.DataClassification.PERSONAL, "Last name"),
                        new FieldDescription("email", org.steward.core.DataClassification.PERSONAL, "E-mail"),
                        new FieldDescription("companyName", org.steward.core.DataClassification.NOT_PERSONAL,
                                "Company")),
                        List.of("sales prospecting"), List.of("Art. 6(1)(f) legitimate interests"), List.of(),
                        "24 months without activity (retention category leads-inactive)")));
    }

    @Override
    public PersonalDataExport export(PersonId person, Actor actor) {
        base.access.require(actor, Operation.EXPORT, Contacts.MODULE, Optional.empty());
        List<ExportedRecord> records = base.db.tx(c -> {
            List<ExportedRecord> out = new ArrayList<>();
            for (StoredContact s : contacts.allOf(c, person)) {
                Map<String, Object> fields = new LinkedHashMap<>();
                s.values().forEach((k, v) -> {
                    if (v != null) {
                        fields.put(k, v);
                    }
                });
                fields.put("restricted", s.restricted());
                fields.put("createdAt", Instant.ofEpochMilli(s.createdAt()).toString());
                if (s.deletedAt() != null) {
                    fields.put("deletedAt", Instant.ofEpochMilli(s.deletedAt()).toString());
                }
                for (int i = 0; i < s.sources().size(); i++) {
                    fields.put("sources[" + i + "]", describe(s.sources().get(i)));
                }
                for (PurposeBasis b : s.bases()) {
                    fields.put("lawfulBases[" + b.purpose() + "]", b.basis() + (b.justification().isEmpty() ? ""
                            : " (" + b.justification() + ")") + ", reviewed " + b.lastReviewed());
                }
                out.add(new ExportedRecord("contact details", "contact", s.id(), fields,
                        s.sources().isEmpty() ? "" : describe(s.sources().get(0))));
                for (ContactStore.Override o : contacts.store.overrides(c, person, s.id())) {
                    Map<String, Object> decision = new LinkedHashMap<>();
                    decision.put("contact", s.id());
                    decision.put("reason", o.reason());
                    decision.put("decidedBy", o.decidedBy());
                    decision.put("decidedAt", Instant.ofEpochMilli(o.decidedAt()).toString());
                    decision.put("erasedAt", Instant.ofEpochMilli(o.erasedAt()).toString());
                    out.add(new ExportedRecord("erasure blocklist overrides", "blocklist-override", o.id(), decision,
                            ""));
                }
            }
            out.addAll(LeadService.exportOf(base, c, person));
            return out;
        });
        base.audit.append(AuditEvent.builder(actor, "contacts.personal-data.export").target(Contacts.MODULE, "person",
                person.toString()).person(person).details(records.size() + " records").build());
        return new PersonalDataExport(Contacts.MODULE, records);
    }

    static String describe(DataSource s) {
        return s.type() + " " + s.name() + " " + s.details() + " at " + s.at();
    }

    @Override
    public int rectify(PersonId person, Map<String, String> corrections, Actor actor) {
        base.access.require(actor, Operation.EDIT, Contacts.MODULE, Optional.empty());
        if (corrections == null || corrections.isEmpty()) {
            throw new ValidationException("corrections", "are required");
        }
        List<Violation> violations = new ArrayList<>();
        Map<String, String> clean = base.validate(corrections, violations);
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        int changed = base.db.tx(c -> {
            int n = 0;
            for (StoredContact s : contacts.allOf(c, person)) {
                contacts.store.update(c, s, clean, base.clock.millis());
                n++;
            }
            return n;
        });
        base.audit.append(AuditEvent.builder(actor, "contact.rectify").target(Contacts.MODULE, "person",
                person.toString()).person(person).fields(List.copyOf(clean.keySet()))
                .details(changed + " records (Art. 16)").build());
        return changed;
    }

    @Override
    public void restrict(PersonId person, boolean restricted, Actor actor) {
        base.access.require(actor, Operation.EDIT, Contacts.MODULE, Optional.empty());
        int rows = base.db.tx(c -> Db.update(c, "UPDATE CONTACTS_CONTACT SET RESTRICTED = ? WHERE PERSON_ID = ?",
                restricted ? 1 : 0, person.toString())
                + Db.update(c, "UPDATE CONTACTS_LEAD SET RESTRICTED = ? WHERE PERSON_ID = ?", restricted ? 1 : 0,
                        person.toString()));
        base.audit.append(AuditEvent.builder(actor, restricted ? "contact.restrict" : "contact.unrestrict")
                .target(Contacts.MODULE, "person", person.toString()).person(person)
                .details(rows + " records (Art. 18)").build());
    }

    @Override
    public boolean isRestricted(PersonId person) {
        return base.db.tx(c -> Db.count(c, "SELECT COUNT(*) FROM CONTACTS_CONTACT WHERE PERSON_ID = ? AND "
                + "RESTRICTED <> 0", person.toString()) + Db.count(c, "SELECT COUNT(*) FROM CONTACTS_LEAD WHERE "
                        + "PERSON_ID = ? AND RESTRICTED <> 0", person.toString()) > 0);
    }

    @Override
    public ErasureOutcome erase(PersonId person, Actor actor) {
        base.access.require(actor, Operation.ERASE, Contacts.MODULE, Optional.empty());
        List<String> indexes = new ArrayList<>();
        int deleted = base.db.tx(c -> {
            int n = 0;
            for (StoredContact s : contacts.allOf(c, person)) {
                indexes.addAll(Identifiers.of(base, s.values()).present());
                n += ContactStore.deleteForGood(c, s.id());
            }
            n += LeadService.eraseOf(base, c, person, indexes);
            return n;
        });
        if (!indexes.isEmpty()) {
            base.blocklist().ifPresentOrElse(b -> b.add(person, List.copyOf(new java.util.LinkedHashSet<>(indexes)),
                    "contacts-erasure"), () -> base.logger.warn("No erasure blocklist service is installed: erased "
                            + "person {} is not recorded in it", person));
        }
        base.audit.append(AuditEvent.builder(actor, "contact.erase").target(Contacts.MODULE, "person",
                person.toString()).person(person).details(deleted + " records deleted (Art. 17)").build());
        return new ErasureOutcome(deleted, 0, List.of());
    }

    // ============================================================================================== retention

    @Override
    public List<RetentionCategory> categories() {
        return List.of(new RetentionCategory(LEADS_INACTIVE, "Leads without activity (no call, mail or change) and "
                + "not converted to a contact", RetentionCategory.Action.RECYCLE, 24));
    }

    @Override
    public RetentionResult expire(String category, Instant cutoff, boolean dryRun, Actor actor) {
        if (!LEADS_INACTIVE.equals(category)) {
            throw new ValidationException("category", "is not a retention category of contacts: " + category);
        }
        base.access.require(actor, Operation.DELETE, Contacts.MODULE, Optional.empty());
        List<String> ids = base.db.tx(c -> {
            List<String> due = ids(c, "SELECT ID FROM CONTACTS_LEAD WHERE DELETED_AT IS NULL AND CONVERTED_TO IS NULL "
                    + "AND RESTRICTED = 0 AND LAST_ACTIVITY_AT < ?", cutoff.toEpochMilli());
            if (!dryRun) {
                for (String id : due) {
                    Db.update(c, "UPDATE CONTACTS_LEAD SET DELETED_AT = ? WHERE ID = ?", base.clock.millis(), id);
                }
            }
            return due;
        });
        if (!dryRun) {
            base.audit.append(AuditEvent.builder(actor, "contacts.retention.expire").target(Contacts.MODULE, "lead")
                    .details(ids.size() + " inactive leads moved to the recycle bin (cutoff " + cutoff + ")").build());
        }
        return new RetentionResult(Contacts.MODULE, category, ids.size(), ids.stream().limit(1000).toList(), dryRun);
    }

    @Override
    public RetentionResult purgeRecycleBin(Instant deletedBefore, boolean dryRun, Actor actor) {
        base.access.require(actor, Operation.DELETE, Contacts.MODULE, Optional.empty());
        long before = deletedBefore.toEpochMilli();
        List<String> ids = base.db.tx(c -> {
            List<String> contactIds = ids(c, "SELECT ID FROM CONTACTS_CONTACT WHERE DELETED_AT < ? AND RESTRICTED = 0",
                    before);
            List<String> leadIds = ids(c, "SELECT ID FROM CONTACTS_LEAD WHERE DELETED_AT < ? AND RESTRICTED = 0",
                    before);
            List<String> companyIds = ids(c, "SELECT ID FROM CONTACTS_COMPANY WHERE DELETED_AT < ?", before);
            if (!dryRun) {
                for (String id : contactIds) {
                    ContactStore.deleteForGood(c, id);
                }
                for (String id : leadIds) {
                    Db.update(c, "DELETE FROM CONTACTS_SOURCE WHERE OWNER_ID = ?", id);
                    Db.update(c, "DELETE FROM CONTACTS_LEAD WHERE ID = ?", id);
                }
                for (String id : companyIds) {
                    Db.update(c, "DELETE FROM CONTACTS_COMPANY WHERE ID = ?", id);
                }
            }
            List<String> all = new ArrayList<>(contactIds);
            all.addAll(leadIds);
            all.addAll(companyIds);
            return all;
        });
        if (!dryRun) {
            base.audit.append(AuditEvent.builder(actor, "contacts.retention.purge").target(Contacts.MODULE, "contact")
                    .details(ids.size() + " records deleted for good from the recycle bin").build());
        }
        return new RetentionResult(Contacts.MODULE, RetentionResult.RECYCLE_BIN, ids.size(),
                ids.stream().limit(1000).toList(), dryRun);
    }

    static List<String> ids(Connection c, String sql, Object... values) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement s = Db.bind(c, sql, values); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
