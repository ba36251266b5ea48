package org.steward.contacts.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import org.steward.contacts.Contact;
import org.steward.contacts.Contacts;
import org.steward.contacts.DataSource;
import org.steward.contacts.Lead;
import org.steward.contacts.Leads;
import org.steward.core.Actor;
import org.steward.core.ConflictException;
import org.steward.core.NotFoundException;
import org.steward.core.PersonId;
import org.steward.core.Uuids;
import org.steward.core.ValidationException;
import org.steward.core.Violation;
import org.steward.core.spi.ExportedRecord;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Operation;
import org.steward.permissions.RecordRef;
import org.steward.persistence.JdbcTransactions;

/** Leads: names and e-mail encrypted like a contact's; conversion keeps the person id and the sources. */
@Component(service = Leads.class)
public final class LeadService implements Leads {

    static final String TYPE = "lead";

    private final JdbcTransactions db;
    private final ContactStore store;
    private final Sealing sealing;
    private final FieldValidation validation;
    private final ErasureChecks erasure;
    private final Clock clock;
    private final ContactViews views;
    private final AccessDecisions access;
    private final AuditLog audit;

    @Activate
    public LeadService(@Reference ContactsModule module, @Reference AccessDecisions access,
            @Reference AuditLog audit) {
        this.db = module.db();
        this.store = module.store();
        this.sealing = module.sealing();
        this.validation = module.validation();
        this.erasure = module.erasure();
        this.clock = module.clock();
        this.access = access;
        this.audit = audit;
        this.views = new ContactViews(db, store, module.fields(), access, audit);
    }

    private record Row(String id, PersonId person, String firstName, String lastName, String email,
            String companyName, String owner, boolean restricted, long createdAt, long lastActivityAt, Long deletedAt,
            String convertedTo) {
    }

    @Override
    public Lead create(String firstName, String lastName, String email, String companyName, DataSource source,
            Actor actor) {
        if (source == null) {
            throw new ValidationException("source", "is required");
        }
        String id = Uuids.timeOrdered().toString();
        access.require(actor, Operation.CREATE, new RecordRef(Contacts.MODULE, TYPE, id, actor.userId()));
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("firstName", firstName);
        raw.put("lastName", lastName);
        raw.put("email", email);
        List<Violation> violations = new ArrayList<>();
        Map<String, String> clean = validation.validate(raw, violations);
        FieldValidation.requireNameOrEmail(clean, violations);
        if (companyName != null && companyName.length() > 300) {
            violations.add(new Violation("companyName", "is longer than 300 characters"));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        String emailIndex = sealing.emailIndex(clean.get("email"));
        erasure.check(emailIndex == null ? List.of() : List.of(emailIndex), Optional.empty(), TYPE);
        PersonId person = PersonId.random();
        long now = clock.millis();
        db.write(c -> {
            JdbcTransactions.update(c, "INSERT INTO CONTACTS_LEAD (ID, PERSON_ID, FIRST_NAME, LAST_NAME, EMAIL, "
                    + "EMAIL_INDEX, COMPANY_NAME, OWNER_USER_ID, CREATED_AT, LAST_ACTIVITY_AT) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    id, person.toString(), sealing.seal(person, id, "firstName",
                            clean.get("firstName")), sealing.seal(person, id, "lastName", clean.get("lastName")),
                    sealing.seal(person, id, "email", clean.get("email")), emailIndex,
                    companyName == null ? null : companyName.strip(), actor.userId(), now, now);
            ContactStore.batch(c, ContactStore.INSERT_SOURCE, List.<Object[]>of(store.sourceRow(person, id, source,
                    0)));
            return null;
        });
        audit.append(AuditEvent.builder(actor, "lead.create").target(Contacts.MODULE, TYPE, id).person(person)
                .fields(clean.keySet().stream().filter(k -> clean.get(k) != null).toList())
                .details("source " + source.type()).build());
        return get(id, actor);
    }

    private Row load(String id) {
        return db.write(c -> rows(sealing, c, "ID = ?", id)).stream().findFirst()
                .filter(r -> r.deletedAt() == null).orElseThrow(() -> new NotFoundException("Lead", id));
    }

    private static List<Row> rows(Sealing sealing, Connection c, String where, Object... values)
            throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement s = JdbcTransactions.bind(c, "SELECT l.*, (SELECT COUNT(*) FROM "
                + ContactsModule.LOCKS.table() + " r WHERE r.PERSON_ID = l.PERSON_ID) AS RESTRICTION_LOCKS FROM "
                + "CONTACTS_LEAD l WHERE " + where, values);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString("ID");
                PersonId person = PersonId.parse(rs.getString("PERSON_ID"));
                long deleted = rs.getLong("DELETED_AT");
                Long deletedAt = rs.wasNull() ? null : deleted;
                rows.add(new Row(id, person, sealing.open(person, id, "firstName", rs.getString("FIRST_NAME")),
                        sealing.open(person, id, "lastName", rs.getString("LAST_NAME")),
                        sealing.open(person, id, "email", rs.getString("EMAIL")), rs.getString("COMPANY_NAME"),
                        rs.getString("OWNER_USER_ID"), rs.getInt("RESTRICTION_LOCKS") != 0, rs.getLong("CREATED_AT"),
                        rs.getLong("LAST_ACTIVITY_AT"), deletedAt, rs.getString("CONVERTED_TO")));
            }
        }
        return rows;
    }

    @Override
    public Lead get(String id, Actor actor) {
        Row r = load(id);
        access.require(actor, Operation.READ, new RecordRef(Contacts.MODULE, TYPE, id, r.owner()));
        List<DataSource> sources = db.write(c -> store.sources(c, r.person(), id));
        audit.append(AuditEvent.builder(actor, "lead.read").target(Contacts.MODULE, TYPE, id).person(r.person())
                .fields("firstName", "lastName", "email", "companyName").build());
        return new Lead(id, r.person(), r.firstName(), r.lastName(), r.email(), r.companyName(), r.owner(), sources,
                Instant.ofEpochMilli(r.createdAt()), Instant.ofEpochMilli(r.lastActivityAt()), r.convertedTo());
    }

    @Override
    public Lead touch(String id, Actor actor) {
        Row r = load(id);
        if (r.restricted()) {
            throw audit.refuseRestricted(actor, "lead.activity", Contacts.MODULE, TYPE, id, r.person());
        }
        access.require(actor, Operation.EDIT, new RecordRef(Contacts.MODULE, TYPE, id, r.owner()));
        db.write(c -> JdbcTransactions.update(c, "UPDATE CONTACTS_LEAD SET LAST_ACTIVITY_AT = ? WHERE ID = ?",
                clock.millis(), id));
        audit.append(AuditEvent.builder(actor, "lead.activity").target(Contacts.MODULE, TYPE, id)
                .person(r.person()).build());
        return get(id, actor);
    }

    @Override
    public Contact convert(String id, Actor actor) {
        Row r = load(id);
        if (r.restricted()) {
            throw audit.refuseRestricted(actor, "lead.convert", Contacts.MODULE, TYPE, id, r.person());
        }
        if (r.convertedTo() != null) {
            throw new ConflictException("Lead " + id + " was converted to contact " + r.convertedTo() + " before");
        }
        access.require(actor, Operation.EDIT, new RecordRef(Contacts.MODULE, TYPE, id, r.owner()));
        access.require(actor, Operation.CREATE, Contacts.MODULE, Optional.empty());
        String contactId = Uuids.timeOrdered().toString();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("firstName", r.firstName());
        values.put("lastName", r.lastName());
        values.put("email", r.email());
        values.put(BuiltInFields.OWNER, r.owner());
        Identifiers ids = Identifiers.of(sealing, values);
        if (ids.email() != null && db.write(c -> JdbcTransactions.count(c, "SELECT COUNT(*) FROM CONTACTS_CONTACT "
                + "WHERE EMAIL_TOKEN = ? AND DELETED_AT IS NULL", Sealing.token(ids.email()))) > 0) {
            throw new ConflictException("A contact with the lead's e-mail address exists; merge instead");
        }
        long now = clock.millis();
        db.write(c -> {
            List<DataSource> sources = store.sources(c, r.person(), id);
            ContactStore.insert(c, List.of(store.prepare(contactId, r.person(), values, ids, sources,
                    List.of(), null, null, now)));
            JdbcTransactions.update(c, "UPDATE CONTACTS_LEAD SET CONVERTED_TO = ?, LAST_ACTIVITY_AT = ? "
                    + "WHERE ID = ?", contactId,
                    now, id);
            return null;
        });
        audit.append(AuditEvent.builder(actor, "lead.convert").target(Contacts.MODULE, TYPE, id)
                .person(r.person()).details("converted to contact " + contactId).build());
        return views.view(views.load(contactId), actor);
    }

    @Override
    public void delete(String id, Actor actor) {
        Row r = load(id);
        if (r.restricted()) {
            throw audit.refuseRestricted(actor, "lead.delete", Contacts.MODULE, TYPE, id, r.person());
        }
        access.require(actor, Operation.DELETE, new RecordRef(Contacts.MODULE, TYPE, id, r.owner()));
        db.write(c -> JdbcTransactions.update(c, "UPDATE CONTACTS_LEAD SET DELETED_AT = ? WHERE ID = ?", clock.millis(),
                id));
        audit.append(AuditEvent.builder(actor, "lead.delete").target(Contacts.MODULE, TYPE, id)
                .person(r.person()).build());
    }

    static List<ExportedRecord> exportOf(Sealing sealing, Connection c, PersonId person) throws SQLException {
        List<ExportedRecord> out = new ArrayList<>();
        for (Row r : rows(sealing, c, "PERSON_ID = ?", person.toString())) {
            Map<String, Object> fields = new LinkedHashMap<>();
            if (r.firstName() != null) {
                fields.put("firstName", r.firstName());
            }
            if (r.lastName() != null) {
                fields.put("lastName", r.lastName());
            }
            if (r.email() != null) {
                fields.put("email", r.email());
            }
            if (r.companyName() != null) {
                fields.put("companyName", r.companyName());
            }
            fields.put("lastActivityAt", Instant.ofEpochMilli(r.lastActivityAt()).toString());
            out.add(new ExportedRecord("leads", TYPE, r.id(), fields, ""));
        }
        return out;
    }

    static int eraseOf(Sealing sealing, Connection c, PersonId person, List<String> indexes) throws SQLException {
        int n = 0;
        for (Row r : rows(sealing, c, "PERSON_ID = ?", person.toString())) {
            if (r.email() != null && !r.email().startsWith("[")) {
                indexes.add(sealing.emailIndex(r.email()));
            }
            JdbcTransactions.update(c, "DELETE FROM CONTACTS_SOURCE WHERE OWNER_ID = ?", r.id());
            n += JdbcTransactions.update(c, "DELETE FROM CONTACTS_LEAD WHERE ID = ?", r.id());
        }
        return n;
    }
}
