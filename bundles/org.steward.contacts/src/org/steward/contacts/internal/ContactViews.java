package org.steward.contacts.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.contacts.Contact;
import org.steward.contacts.ContactId;
import org.steward.contacts.Contacts;
import org.steward.contacts.PostalAddress;
import org.steward.core.Actor;
import org.steward.core.NotFoundException;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.FieldAccessPlan;
import org.steward.permissions.Purpose;
import org.steward.permissions.RecordRef;
import org.steward.persistence.JdbcTransactions;

/** Loads stored contacts and shows them as the actor may see them: hidden fields masked, the read audited. */
final class ContactViews {

    static final String TYPE = "contact";

    private final JdbcTransactions db;
    private final ContactStore store;
    private final Fields fields;
    private final AccessDecisions access;
    private final AuditLog audit;

    ContactViews(JdbcTransactions db, ContactStore store, Fields fields, AccessDecisions access, AuditLog audit) {
        this.db = db;
        this.store = store;
        this.fields = fields;
        this.access = access;
        this.audit = audit;
    }

    static RecordRef ref(String id, String owner) {
        return new RecordRef(Contacts.MODULE, TYPE, id, Optional.ofNullable(owner));
    }

    StoredContact load(String id) {
        return db.write(c -> store.load(c, id)).orElseThrow(() -> new NotFoundException("Contact", id));
    }

    /** A contact outside the recycle bin. */
    StoredContact loadLive(String id) {
        StoredContact contact = load(id);
        if (contact.deletedAt() != null) {
            throw new NotFoundException("Contact", id);
        }
        return contact;
    }

    /** The contact as the actor may see it, audited as a read. */
    Contact view(StoredContact s, Actor actor) {
        FieldAccessPlan plan = plan(actor);
        Contact contact = mask(s, plan);
        audit.append(AuditEvent.builder(actor, "contact.read").target(Contacts.MODULE, TYPE, s.id())
                .person(s.person()).fields(List.copyOf(plan.readable())).build());
        return contact;
    }

    /** The fields the actor may see of a contact. */
    FieldAccessPlan plan(Actor actor) {
        return access.fields(actor, Contacts.MODULE, TYPE, fields.classifications(), Purpose.VIEW);
    }

    static Contact mask(StoredContact s, FieldAccessPlan plan) {
        Map<String, String> v = new LinkedHashMap<>();
        Set<String> hidden = new LinkedHashSet<>();
        s.values().forEach((field, value) -> {
            if (plan.canRead(field)) {
                v.put(field, value);
            } else {
                hidden.add(field);
            }
        });
        Map<String, String> custom = new LinkedHashMap<>();
        v.forEach((field, value) -> {
            if (field.startsWith("custom.") && value != null) {
                custom.put(field, value);
            }
        });
        PostalAddress address = new PostalAddress(v.get("address.street"), v.get("address.postalCode"),
                v.get("address.city"), v.get("address.region"), v.get("address.country"));
        String birth = v.get("birthDate");
        return new Contact(new ContactId(s.id()), s.person(), v.get("firstName"), v.get("lastName"), v.get("email"),
                v.get("phone"), v.get("mobile"), address, birthDate(birth), v.get("language"), v.get("notes"),
                custom, v.get(BuiltInFields.COMPANY), Tags.parse(v.get(BuiltInFields.TAGS)), s.owner(),
                s.restricted(), s.sources(), s.bases(), Instant.ofEpochMilli(s.createdAt()),
                Instant.ofEpochMilli(s.updatedAt()), hidden, birth, v.get("jobTitle"), v.get(MultiValues.EMAILS),
                v.get(MultiValues.PHONES), v.get(MultiValues.ADDRESSES));
    }

    /** The date of a stored birthday with its year; null for a year-less one ({@code --04-23}) or an erased one. */
    private static LocalDate birthDate(String stored) {
        return stored == null || stored.startsWith("-") || stored.startsWith("[") ? null : LocalDate.parse(stored);
    }
}
