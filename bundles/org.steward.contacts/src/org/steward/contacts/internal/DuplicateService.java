package org.steward.contacts.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.contacts.Contact;
import org.steward.contacts.ContactId;
import org.steward.contacts.Contacts;
import org.steward.contacts.DataSource;
import org.steward.contacts.Duplicates;
import org.steward.contacts.PurposeBasis;
import org.steward.core.Actor;
import org.steward.core.ValidationException;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Operation;
import org.steward.persistence.JdbcTransactions;

/** Duplicate detection (same e-mail, phone or mobile) and the merge of a duplicate into its survivor. */
@Component(service = Duplicates.class)
public final class DuplicateService implements Duplicates {

    private static final String MODULE = Contacts.MODULE;
    private static final String TYPE = ContactViews.TYPE;

    private final JdbcTransactions db;
    private final ContactStore store;
    private final Sealing sealing;
    private final Clock clock;
    private final ContactViews views;
    private final AccessDecisions access;
    private final AuditLog audit;

    @Activate
    public DuplicateService(@Reference ContactsModule module, @Reference AccessDecisions access,
            @Reference AuditLog audit) {
        this.db = module.db();
        this.store = module.store();
        this.sealing = module.sealing();
        this.clock = module.clock();
        this.access = access;
        this.audit = audit;
        this.views = new ContactViews(db, store, module.fields(), access, audit);
    }

    @Override
    public List<ContactId> duplicatesOf(ContactId id, Actor actor) {
        StoredContact s = views.loadLive(id.value());
        access.require(actor, Operation.READ, ContactViews.ref(s.id(), s.owner()));
        List<ContactId> found = duplicates(s).stream().map(d -> new ContactId(d.id())).toList();
        audit.append(AuditEvent.builder(actor, "contact.duplicates").target(MODULE, TYPE, s.id())
                .person(s.person()).fields("email", "phone", "mobile").details(found.size() + " duplicates").build());
        return found;
    }

    private List<StoredContact> duplicates(StoredContact s) {
        List<Long> phones = new ArrayList<>();
        phones.add(sealing.phoneToken(s.values().get("phone")));
        phones.add(sealing.phoneToken(s.values().get("mobile")));
        phones.removeIf(p -> p == null);
        Long email = sealing.emailToken(s.values().get("email"));
        List<String> clauses = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (email != null) {
            clauses.add("EMAIL_TOKEN = ?");
            values.add(email);
        }
        if (!phones.isEmpty()) {
            clauses.add(ContactService.in("PHONE_TOKEN", phones.size()));
            values.addAll(phones);
            clauses.add(ContactService.in("MOBILE_TOKEN", phones.size()));
            values.addAll(phones);
        }
        if (clauses.isEmpty()) {
            return List.of();
        }
        values.add(s.id());
        return db.write(c -> store.loadWhere(c, "(" + String.join(" OR ", clauses)
                + ") AND ID <> ? AND DELETED_AT IS NULL", 100, values.toArray()));
    }

    @Override
    public Contact merge(ContactId survivorId, ContactId duplicateId, Actor actor) {
        if (survivorId.equals(duplicateId)) {
            throw new ValidationException("duplicate", "is the same contact as the survivor");
        }
        StoredContact survivor = views.loadLive(survivorId.value());
        StoredContact duplicate = views.loadLive(duplicateId.value());
        for (StoredContact s : List.of(survivor, duplicate)) {
            if (s.restricted()) {
                throw audit.refuseRestricted(actor, "contact.merge", MODULE, TYPE, s.id(), s.person());
            }
        }
        access.require(actor, Operation.EDIT, ContactViews.ref(survivor.id(), survivor.owner()));
        access.require(actor, Operation.DELETE, ContactViews.ref(duplicate.id(), duplicate.owner()));
        Map<String, String> fill = new LinkedHashMap<>();
        duplicate.values().forEach((field, value) -> {
            if (value == null || BuiltInFields.OWNER.equals(field)) {
                return;
            }
            if (BuiltInFields.TAGS.equals(field)) {
                Set<String> tags = Tags.parse(survivor.values().get(BuiltInFields.TAGS));
                tags.addAll(Tags.parse(value));
                fill.put(field, Tags.join(tags));
            } else if (survivor.values().get(field) == null) {
                fill.put(field, value);
            }
        });
        // the duplicate's e-mail stays unique: the survivor takes it only when it has none
        long now = clock.millis();
        db.write(c -> {
            JdbcTransactions.update(c, "UPDATE CONTACTS_CONTACT SET DELETED_AT = ?, MERGED_INTO = ?, EMAIL_TOKEN = "
                    + "NULL WHERE ID = ?", now, survivor.id(), duplicate.id());
            store.update(c, survivor, fill, now);
            int position = survivor.sources().size();
            List<Object[]> sources = new ArrayList<>();
            for (DataSource source : duplicate.sources()) {
                sources.add(store.sourceRow(survivor.person(), survivor.id(), source, position++));
            }
            ContactStore.batch(c, ContactStore.INSERT_SOURCE, sources);
            Set<String> purposes = new LinkedHashSet<>();
            survivor.bases().forEach(b -> purposes.add(b.purpose()));
            List<Object[]> bases = new ArrayList<>();
            for (PurposeBasis b : duplicate.bases()) {
                if (purposes.add(b.purpose())) {
                    bases.add(ContactStore.basisRow(survivor.id(), b));
                }
            }
            ContactStore.batch(c, ContactStore.INSERT_BASIS, bases);
            // the survivor may now hold the e-mail or phone that was overridden: the decision goes with it
            List<Object[]> overrides = new ArrayList<>();
            for (ContactStore.Override o : store.overrides(c, duplicate.person(), duplicate.id())) {
                overrides.add(store.overrideRow(survivor.person(), survivor.id(), o.reason(), o.decidedBy(),
                        o.decidedAt(), o.erasedAt()));
            }
            ContactStore.batch(c, ContactStore.INSERT_OVERRIDE, overrides);
            return null;
        });
        audit.append(AuditEvent.builder(actor, "contact.merge").target(MODULE, TYPE, survivor.id())
                .person(survivor.person()).fields(List.copyOf(fill.keySet()))
                .details("merged contact " + duplicate.id() + " (person " + duplicate.person() + ") into this one")
                .build());
        audit.append(AuditEvent.builder(actor, "contact.merged").target(MODULE, TYPE, duplicate.id())
                .person(duplicate.person()).details("merged into contact " + survivor.id()).build());
        return views.view(views.load(survivor.id()), actor);
    }
}
