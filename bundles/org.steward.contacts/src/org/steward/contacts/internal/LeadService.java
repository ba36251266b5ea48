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
import org.steward.permissions.Operation;
import org.steward.permissions.RecordRef;

/** Leads: names and e-mail encrypted like a contact's; conversion keeps the person id and the sources. */
@Component(service = Leads.class)
public final class LeadService implements Leads {

    static final String TYPE = "lead";

    private final ContactsBase base;
    private final ContactService contacts;

    @Activate
    public LeadService(@Reference ContactsBase base, @Reference ContactService contacts) {
        this.base = base;
        this.contacts = contacts;
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
        base.access.require(actor, Operation.CREATE, new RecordRef(Contacts.MODULE, TYPE, id, actor.userId()));
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("firstName", firstName);
        raw.put("lastName", lastName);
        raw.put("email", email);
        List<Violation> violations = new ArrayList<>();
        Map<String, String> clean = base.validate(raw, violations);
        ContactService.requireNameOrEmail(clean, violations);
        if (companyName != null && companyName.length() > 300) {
            violations.add(new Violation("companyName", "is longer than 300 characters"));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        String emailIndex = base.emailIndex(clean.get("email"));
        base.checkBlocklist(emailIndex == null ? List.of() : List.of(emailIndex), Optional.empty(), TYPE);
        PersonId person = PersonId.random();
        long now = base.clock.millis();
        ContactStore store = contacts.store;
        base.db.tx(c -> {
            Db.update(c, "INSERT INTO CONTACTS_LEAD (ID, PERSON_ID, FIRST_NAME, LAST_NAME, EMAIL, EMAIL_INDEX, "
                    + "COMPANY_NAME, OWNER_USER_ID, RESTRICTED, CREATED_AT, LAST_ACTIVITY_AT) VALUES (?, ?, ?, ?, ?, ?, "
                    + "?, ?, 0, ?, ?)", id, person.toString(), base.seal(person, id, "firstName",
                            clean.get("firstName")), base.seal(person, id, "lastName", clean.get("lastName")),
                    base.seal(person, id, "email", clean.get("email")), emailIndex,
                    companyName == null ? null : companyName.strip(), actor.userId(), now, now);
            ContactStore.batch(c, ContactStore.INSERT_SOURCE, List.<Object[]>of(store.sourceRow(person, id, source,
                    0)));
            return null;
        });
        base.audit.append(AuditEvent.builder(actor, "lead.create").target(Contacts.MODULE, TYPE, id).person(person)
                .fields(clean.keySet().stream().filter(k -> clean.get(k) != null).toList())
                .details("source " + source.type()).build());
        return get(id, actor);
    }

    private Row load(String id) {
        return base.db.tx(c -> rows(base, c, "ID = ?", id)).stream().findFirst()
                .filter(r -> r.deletedAt() == null).orElseThrow(() -> new NotFoundException("Lead", id));
    }

    private static List<Row> rows(ContactsBase base, Connection c, String where, Object... values)
            throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement s = Db.bind(c, "SELECT * FROM CONTACTS_LEAD WHERE " + where, values);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString("ID");
                PersonId person = PersonId.parse(rs.getString("PERSON_ID"));
                long deleted = rs.getLong("DELETED_AT");
                Long deletedAt = rs.wasNull() ? null : deleted;
                rows.add(new Row(id, person, base.open(person, id, "firstName", rs.getString("FIRST_NAME")),
                        base.open(person, id, "lastName", rs.getString("LAST_NAME")),
                        base.open(person, id, "email", rs.getString("EMAIL")), rs.getString("COMPANY_NAME"),
                        rs.getString("OWNER_USER_ID"), rs.getInt("RESTRICTED") != 0, rs.getLong("CREATED_AT"),
                        rs.getLong("LAST_ACTIVITY_AT"), deletedAt, rs.getString("CONVERTED_TO")));
            }
        }
        return rows;
    }

    @Override
    public Lead get(String id, Actor actor) {
        Row r = load(id);
        base.access.require(actor, Operation.READ, new RecordRef(Contacts.MODULE, TYPE, id, r.owner()));
        List<DataSource> sources = base.db.tx(c -> contacts.store.sources(c, r.person(), id));
        base.audit.append(AuditEvent.builder(actor, "lead.read").target(Contacts.MODULE, TYPE, id).person(r.person())
                .fields("firstName", "lastName", "email", "companyName").build());
        return new Lead(id, r.person(), r.firstName(), r.lastName(), r.email(), r.companyName(), r.owner(), sources,
                Instant.ofEpochMilli(r.createdAt()), Instant.ofEpochMilli(r.lastActivityAt()), r.convertedTo());
    }

    @Override
    public Lead touch(String id, Actor actor) {
        Row r = load(id);
        if (r.restricted()) {
            throw new org.steward.core.ProcessingRestrictedException(r.person(), "recording activity");
        }
        base.access.require(actor, Operation.EDIT, new RecordRef(Contacts.MODULE, TYPE, id, r.owner()));
        base.db.tx(c -> Db.update(c, "UPDATE CONTACTS_LEAD SET LAST_ACTIVITY_AT = ? WHERE ID = ?",
                base.clock.millis(), id));
        base.audit.append(AuditEvent.builder(actor, "lead.activity").target(Contacts.MODULE, TYPE, id)
                .person(r.person()).build());
        return get(id, actor);
    }

    @Override
    public Contact convert(String id, Actor actor) {
        Row r = load(id);
        if (r.restricted()) {
            throw new org.steward.core.ProcessingRestrictedException(r.person(), "conversion");
        }
        if (r.convertedTo() != null) {
            throw new ConflictException("Lead " + id + " was converted to contact " + r.convertedTo() + " before");
        }
        base.access.require(actor, Operation.EDIT, new RecordRef(Contacts.MODULE, TYPE, id, r.owner()));
        base.access.require(actor, Operation.CREATE, Contacts.MODULE, Optional.empty());
        String contactId = Uuids.timeOrdered().toString();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("firstName", r.firstName());
        values.put("lastName", r.lastName());
        values.put("email", r.email());
        values.put(BuiltInFields.OWNER, r.owner());
        Identifiers ids = Identifiers.of(base, values);
        if (ids.email() != null && base.db.tx(c -> Db.count(c, "SELECT COUNT(*) FROM CONTACTS_CONTACT WHERE "
                + "EMAIL_TOKEN = ? AND DELETED_AT IS NULL", ContactsBase.token(ids.email()))) > 0) {
            throw new ConflictException("A contact with the lead's e-mail address exists; merge instead");
        }
        long now = base.clock.millis();
        base.db.tx(c -> {
            List<DataSource> sources = contacts.store.sources(c, r.person(), id);
            ContactStore.insert(c, List.of(contacts.store.prepare(contactId, r.person(), values, ids, sources,
                    List.of(), null, null, now)));
            Db.update(c, "UPDATE CONTACTS_LEAD SET CONVERTED_TO = ?, LAST_ACTIVITY_AT = ? WHERE ID = ?", contactId,
                    now, id);
            return null;
        });
        base.audit.append(AuditEvent.builder(actor, "lead.convert").target(Contacts.MODULE, TYPE, id)
                .person(r.person()).details("converted to contact " + contactId).build());
        return contacts.view(contacts.load(contactId), actor);
    }

    @Override
    public void delete(String id, Actor actor) {
        Row r = load(id);
        if (r.restricted()) {
            throw new org.steward.core.ProcessingRestrictedException(r.person(), "deletion");
        }
        base.access.require(actor, Operation.DELETE, new RecordRef(Contacts.MODULE, TYPE, id, r.owner()));
        base.db.tx(c -> Db.update(c, "UPDATE CONTACTS_LEAD SET DELETED_AT = ? WHERE ID = ?", base.clock.millis(),
                id));
        base.audit.append(AuditEvent.builder(actor, "lead.delete").target(Contacts.MODULE, TYPE, id)
                .person(r.person()).build());
    }

    static List<ExportedRecord> exportOf(ContactsBase base, Connection c, PersonId person) throws SQLException {
        List<ExportedRecord> out = new ArrayList<>();
        for (Row r : rows(base, c, "PERSON_ID = ?", person.toString())) {
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

    static int eraseOf(ContactsBase base, Connection c, PersonId person, List<String> indexes) throws SQLException {
        int n = 0;
        for (Row r : rows(base, c, "PERSON_ID = ?", person.toString())) {
            if (r.email() != null && !r.email().startsWith("[")) {
                indexes.add(base.emailIndex(r.email()));
            }
            Db.update(c, "DELETE FROM CONTACTS_SOURCE WHERE OWNER_ID = ?", r.id());
            n += Db.update(c, "DELETE FROM CONTACTS_LEAD WHERE ID = ?", r.id());
        }
        return n;
    }
}
