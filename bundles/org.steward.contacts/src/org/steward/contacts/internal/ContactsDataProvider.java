package org.steward.contacts.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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
import org.steward.audit.AuditLog;
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
import org.steward.core.spi.ExportedFile;
import org.steward.core.spi.ExportedRecord;
import org.steward.core.spi.FieldDescription;
import org.steward.core.spi.PersonalDataExport;
import org.steward.core.spi.PersonalDataProvider;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Operation;
import org.steward.persistence.JdbcTransactions;

/**
 * The personal-data provider of module {@code contacts}. Rights handling works on
 * restricted people too (that is what restriction allows); erasure deletes the rows at once (no recycle bin) and
 * records the person's e-mail and phone blind indexes in the erasure blocklist.
 */
@Component(service = PersonalDataProvider.class,
        property = { PersonalDataProvider.MODULE_PROPERTY + "=" + Contacts.MODULE })
public final class ContactsDataProvider implements PersonalDataProvider {

    /** Whose data the module holds, as the register of processing activities (Art. 30(1)(c)) names them. */
    private static final List<String> SUBJECTS = List.of("customers", "prospects", "contacts of customers");

    private final JdbcTransactions db;
    private final ContactStore store;
    private final Fields fields;
    private final FieldValidation validation;
    private final Sealing sealing;
    private final ErasureChecks erasure;
    private final Clock clock;
    private final AccessDecisions access;
    private final AuditLog audit;

    @Activate
    public ContactsDataProvider(@Reference ContactsModule module, @Reference AccessDecisions access,
            @Reference AuditLog audit) {
        this.db = module.db();
        this.store = module.store();
        this.fields = module.fields();
        this.validation = module.validation();
        this.sealing = module.sealing();
        this.erasure = module.erasure();
        this.clock = module.clock();
        this.access = access;
        this.audit = audit;
    }

    @Override
    public String module() {
        return Contacts.MODULE;
    }

    @Override
    public DataDescription describe() {
        List<FieldDescription> fields = new ArrayList<>();
        for (FieldDefinition f : this.fields.all()) {
            fields.add(new FieldDescription(f.name(), f.classification(), f.label()));
        }
        List<String> bases = List.of("Art. 6(1)(b) contract", "Art. 6(1)(f) legitimate interests (recorded per "
                + "purpose with the balancing test)", "Art. 6(1)(a) consent where the consent module records it");
        return new DataDescription(Contacts.MODULE, List.of(
                new DataCategory("contact details", fields, List.of("customer relationship management",
                        "service communication"), bases, List.of(), "until deleted; deleted records are purged "
                                + "from the recycle bin after the configured period", SUBJECTS),
                new DataCategory("data sources", List.of(
                        new FieldDescription("source.type", org.steward.core.DataClassification.NOT_PERSONAL,
                                "web form, import, manual, API, integration, helpdesk"),
                        new FieldDescription("source.name", org.steward.core.DataClassification.PERSONAL,
                                "form, file, user, client or integration name"),
                        new FieldDescription("source.details", org.steward.core.DataClassification.PERSONAL,
                                "IP address and user agent of a web form, file line of an import")),
                        List.of("accountability (Art. 5(2)), Art. 14 information"), bases, List.of(),
                        "as long as the contact", SUBJECTS),
                new DataCategory("erasure blocklist overrides", List.of(new FieldDescription(
                        "reason", org.steward.core.DataClassification.PERSONAL,
                        "why a contact was created although the person was erased before, who decided, when")),
                        List.of("accountability (Art. 5(2))"), bases, List.of(), "as long as the contact", SUBJECTS),
                new DataCategory("lawful bases", List.of(new FieldDescription("lawfulBases",
                        org.steward.core.DataClassification.PERSONAL, "purpose, basis, justification, last review")),
                        List.of("accountability (Art. 5(2))"), bases, List.of(), "as long as the contact", SUBJECTS),
                new DataCategory("leads", List.of(
                        new FieldDescription("firstName", org.steward.core.DataClassification.PERSONAL, "First name"),
                        new FieldDescription("lastName", org.steward.core.DataClassification.PERSONAL, "Last name"),
                        new FieldDescription("email", org.steward.core.DataClassification.PERSONAL, "E-mail"),
                        new FieldDescription("companyName", org.steward.core.DataClassification.NOT_PERSONAL,
                                "Company")),
                        List.of("sales prospecting"), List.of("Art. 6(1)(f) legitimate interests"), List.of(),
                        "24 months without activity (retention category leads-inactive)", List.of("prospects"))));
    }

    @Override
    public PersonalDataExport export(PersonId person, Actor actor) {
        access.require(actor, Operation.EXPORT, Contacts.MODULE, Optional.empty());
        List<StoredContact> cards = new ArrayList<>();
        List<ExportedRecord> records = db.write(c -> {
            cards.clear();
            List<ExportedRecord> out = new ArrayList<>();
            for (StoredContact s : store.allOf(c, person)) {
                if (s.mergedInto() == null) {
                    cards.add(s);
                }
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
                for (ContactStore.Override o : store.overrides(c, person, s.id())) {
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
            out.addAll(LeadService.exportOf(sealing, c, person));
            return out;
        });
        audit.append(AuditEvent.builder(actor, "contacts.personal-data.export").target(Contacts.MODULE, "person",
                person.toString()).person(person).details(records.size() + " records"
                        + (cards.isEmpty() ? "" : ", " + cards.size() + " vCards")).build());
        return new PersonalDataExport(Contacts.MODULE, records, cards.isEmpty() ? List.of()
                : List.of(new ExportedFile("contact.vcf", "text/vcard", vcards(cards))));
    }

    /** The person's contacts (not the merged duplicates) as vCards 4.0, every stored field included (Art. 20). */
    private static byte[] vcards(List<StoredContact> contacts) {
        StringWriter text = new StringWriter();
        try (VCardWriter out = new VCardWriter(text, VCardWriter.V4)) {
            for (StoredContact s : contacts) {
                out.write(s.id(), s.values(), s.values().keySet());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String describe(DataSource s) {
        return s.type() + " " + s.name() + " " + s.details() + " at " + s.at();
    }

    @Override
    public int rectify(PersonId person, Map<String, String> corrections, Actor actor) {
        access.require(actor, Operation.EDIT, Contacts.MODULE, Optional.empty());
        if (corrections == null || corrections.isEmpty()) {
            throw new ValidationException("corrections", "are required");
        }
        List<Violation> violations = new ArrayList<>();
        Map<String, String> clean = validation.validate(corrections, violations);
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        int changed = db.write(c -> {
            int n = 0;
            for (StoredContact s : store.allOf(c, person)) {
                store.update(c, s, clean, clock.millis());
                n++;
            }
            return n;
        });
        audit.append(AuditEvent.builder(actor, "contact.rectify").target(Contacts.MODULE, "person",
                person.toString()).person(person).fields(List.copyOf(clean.keySet()))
                .details(changed + " records (Art. 16)").build());
        return changed;
    }

    @Override
    public void restrict(PersonId person, boolean restricted, Actor actor) {
        access.require(actor, Operation.EDIT, Contacts.MODULE, Optional.empty());
        // a person the module holds no record of gets no lock, as before the lock had its own table
        int rows = db.write(c -> {
            int held = (int) (JdbcTransactions.count(c, "SELECT COUNT(*) FROM CONTACTS_CONTACT WHERE PERSON_ID = ?",
                    person.toString()) + JdbcTransactions.count(c, "SELECT COUNT(*) FROM CONTACTS_LEAD WHERE "
                            + "PERSON_ID = ?", person.toString()));
            if (restricted && held > 0) {
                ContactsModule.LOCKS.restrict(c, person, clock.instant());
            } else if (!restricted) {
                ContactsModule.LOCKS.lift(c, person);
            }
            return held;
        });
        audit.append(AuditEvent.builder(actor, restricted ? "contact.restrict" : "contact.unrestrict")
                .target(Contacts.MODULE, "person", person.toString()).person(person)
                .details(rows + " records (Art. 18)").build());
    }

    @Override
    public boolean isRestricted(PersonId person) {
        return db.read(c -> ContactsModule.LOCKS.isRestricted(c, person));
    }

    @Override
    public ErasureOutcome erase(PersonId person, Actor actor) {
        access.require(actor, Operation.ERASE, Contacts.MODULE, Optional.empty());
        List<String> indexes = new ArrayList<>();
        int deleted = db.write(c -> {
            indexes.clear();
            int n = 0;
            for (StoredContact s : store.allOf(c, person)) {
                indexes.addAll(Identifiers.of(sealing, s.values()).present());
                n += ContactStore.deleteForGood(c, s.id());
            }
            n += LeadService.eraseOf(sealing, c, person, indexes);
            ContactsModule.LOCKS.lift(c, person); // nothing is left to lock
            return n;
        });
        erasure.recordErasure(person, indexes);
        audit.append(AuditEvent.builder(actor, "contact.erase").target(Contacts.MODULE, "person",
                person.toString()).person(person).details(deleted + " records deleted (Art. 17)").build());
        return new ErasureOutcome(deleted, 0, List.of());
    }
}
