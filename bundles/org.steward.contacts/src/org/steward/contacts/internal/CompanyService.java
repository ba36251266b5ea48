package org.steward.contacts.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.contacts.Companies;
import org.steward.contacts.Company;
import org.steward.contacts.Contacts;
import org.steward.core.Actor;
import org.steward.core.NotFoundException;
import org.steward.core.Uuids;
import org.steward.core.ValidationException;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Operation;
import org.steward.permissions.RecordRef;
import org.steward.persistence.JdbcTransactions;

/** Companies: not personal data, stored in plain text. */
@Component(service = Companies.class)
public final class CompanyService implements Companies {

    static final String TYPE = "company";

    private final JdbcTransactions db;
    private final Clock clock;
    private final AccessDecisions access;
    private final AuditLog audit;

    @Activate
    public CompanyService(@Reference ContactsModule module, @Reference AccessDecisions access,
            @Reference AuditLog audit) {
        this.db = module.db();
        this.clock = module.clock();
        this.access = access;
        this.audit = audit;
    }

    @Override
    public Company create(String name, String domain, Actor actor) {
        if (name == null || name.isBlank()) {
            throw new ValidationException("name", "is required");
        }
        if (name.strip().length() > 300 || (domain != null && domain.strip().length() > 300)) {
            throw new ValidationException(name.strip().length() > 300 ? "name" : "domain",
                    "is longer than 300 characters");
        }
        String id = Uuids.timeOrdered().toString();
        access.require(actor, Operation.CREATE, new RecordRef(Contacts.MODULE, TYPE, id, actor.userId()));
        long now = clock.millis();
        db.write(c -> JdbcTransactions.update(c, "INSERT INTO CONTACTS_COMPANY (ID, NAME, NAME_KEY, DOMAIN, "
                + "OWNER_USER_ID, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?)", id, name.strip(), key(name),
                domain == null ? null : domain.strip(), actor.userId(), now));
        audit.append(AuditEvent.builder(actor, "company.create").target(Contacts.MODULE, TYPE, id).build());
        return new Company(id, name.strip(), domain == null ? null : domain.strip(), actor.userId(),
                Instant.ofEpochMilli(now));
    }

    /** The key a company is found by: its name without case and accents (the import links by it too). */
    static String key(String name) {
        return NameSearch.normalise(name).toLowerCase(Locale.ROOT);
    }

    private List<Company> query(String where, int limit, Object... values) {
        return db.write(c -> {
            List<Company> found = new ArrayList<>();
            try (PreparedStatement s = JdbcTransactions.bind(c, "SELECT ID, NAME, DOMAIN, OWNER_USER_ID, CREATED_AT "
                    + "FROM CONTACTS_COMPANY WHERE DELETED_AT IS NULL AND " + where + " ORDER BY NAME_KEY", values)) {
                s.setMaxRows(limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Company(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                Instant.ofEpochMilli(rs.getLong(5))));
                    }
                }
            }
            return found;
        });
    }

    @Override
    public Company get(String id, Actor actor) {
        Company company = query("ID = ?", 1, id).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("Company", id));
        access.require(actor, Operation.READ, new RecordRef(Contacts.MODULE, TYPE, id,
                company.ownerUserId()));
        return company;
    }

    @Override
    public List<Company> find(String text, int limit, Actor actor) {
        access.require(actor, Operation.READ, Contacts.MODULE, Optional.empty());
        return query("NAME_KEY LIKE ?", Math.max(1, Math.min(limit, 1000)), key(text == null ? "" : text)
                .replace("%", "").replace("_", "") + "%");
    }

    @Override
    public void delete(String id, Actor actor) {
        Company company = get(id, actor);
        access.require(actor, Operation.DELETE, new RecordRef(Contacts.MODULE, TYPE, id,
                company.ownerUserId()));
        db.write(c -> JdbcTransactions.update(c, "UPDATE CONTACTS_COMPANY SET DELETED_AT = ? WHERE ID = ?",
                clock.millis(),
                id));
        audit.append(AuditEvent.builder(actor, "company.delete").target(Contacts.MODULE, TYPE, id).build());
    }
}
