package org.steward.contacts.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.contacts.BlocklistOverride;
import org.steward.contacts.Contact;
import org.steward.contacts.ContactDraft;
import org.steward.contacts.ContactId;
import org.steward.contacts.Contacts;
import org.steward.contacts.DataSource;
import org.steward.contacts.LawfulBasis;
import org.steward.contacts.PostalAddress;
import org.steward.contacts.PurposeBasis;
import org.steward.core.Actor;
import org.steward.core.ConflictException;
import org.steward.core.PersonId;
import org.steward.core.Uuids;
import org.steward.core.ValidationException;
import org.steward.core.Violation;
import org.steward.encryption.BlocklistEntry;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.FieldAccessPlan;
import org.steward.permissions.Operation;
import org.steward.permissions.Purpose;
import org.steward.permissions.RecordVisibility;
import org.steward.persistence.JdbcTransactions;

/** The contacts service: create, read, find, change, delete and restore contacts (design rule 3 on every method). */
@Component(service = Contacts.class)
public final class ContactService implements Contacts {

    static final String TYPE = ContactViews.TYPE;

    private final JdbcTransactions db;
    private final ContactStore store;
    private final Fields fields;
    private final FieldValidation validation;
    private final Sealing sealing;
    private final ErasureChecks erasure;
    private final Clock clock;
    private final ContactViews views;
    private final ContactSearch search;
    private final AccessDecisions access;
    private final AuditLog audit;

    @Activate
    public ContactService(@Reference ContactsModule module, @Reference AccessDecisions access,
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
        this.views = new ContactViews(db, store, fields, access, audit);
        this.search = new ContactSearch(db, store, sealing);
    }

    // ============================================================================================== create

    @Override
    public Contact create(ContactDraft draft, DataSource source, Actor actor) {
        return create(draft, source, Optional.empty(), actor);
    }

    @Override
    public Contact create(ContactDraft draft, DataSource source, BlocklistOverride override, Actor actor) {
        if (override == null) {
            throw new ValidationException("override", "is required");
        }
        return create(draft, source, Optional.of(override), actor);
    }

    private Contact create(ContactDraft draft, DataSource source, Optional<BlocklistOverride> override, Actor actor) {
        if (draft == null) {
            throw new ValidationException("draft", "is required");
        }
        if (source == null) {
            throw new ValidationException("source", "is required");
        }
        String id = Uuids.timeOrdered().toString();
        PersonId person = PersonId.random();
        Map<String, String> raw = values(draft);
        if (raw.get(BuiltInFields.OWNER) == null) {
            raw.put(BuiltInFields.OWNER, actor.userId());
        }
        access.require(actor, Operation.CREATE, ContactViews.ref(id, raw.get(BuiltInFields.OWNER)));
        List<Violation> violations = new ArrayList<>();
        Map<String, String> clean = validation.validate(raw, violations);
        FieldValidation.requireNameOrEmail(clean, violations);
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        List<String> written = clean.entrySet().stream().filter(e -> e.getValue() != null).map(Map.Entry::getKey)
                .filter(f -> !BuiltInFields.OWNER.equals(f)).toList();
        access.requireFields(actor, MODULE, TYPE, fields.classifications(), Purpose.EDIT, written);
        Identifiers ids = Identifiers.of(sealing, clean);
        if (ids.email() != null) {
            requireUniqueEmail(ids.email(), null);
        }
        Optional<BlocklistEntry> erased = erasure.check(ids.present(), override, TYPE);
        long now = clock.millis();
        ContactStore.Prepared prepared = store.prepare(id, person, clean, ids, List.of(source), List.of(), null,
                null, now);
        Optional<Object[]> overridden = erased.map(e -> store.overrideRow(person, id, override.orElseThrow().reason(),
                actor.userId(), now, e.erasedAt().toEpochMilli()));
        db.write(c -> {
            ContactStore.insert(c, List.of(prepared));
            if (overridden.isPresent()) {
                JdbcTransactions.update(c, ContactStore.INSERT_OVERRIDE, overridden.get());
            }
            return null;
        });
        erased.ifPresent(e -> audit.append(AuditEvent.builder(actor, "contacts.blocklist.override")
                .target(MODULE, TYPE, id).person(person).details("erased before (" + e.erasedAt() + "); override "
                        + overridden.get()[0] + ", its reason kept encrypted with the contact")
                .build()));
        audit.append(AuditEvent.builder(actor, "contact.create").target(MODULE, TYPE, id).person(person)
                .fields(written).details("source " + source.type()).build());
        return views.view(views.load(id), actor);
    }

    /** Refuses an e-mail address a live contact (other than {@code except}) has already. */
    private void requireUniqueEmail(String emailIndex, String except) {
        db.write(c -> {
            List<StoredContact> same = except == null
                    ? store.loadWhere(c, "EMAIL_TOKEN = ? AND DELETED_AT IS NULL", 1, Sealing.token(emailIndex))
                    : store.loadWhere(c, "EMAIL_TOKEN = ? AND DELETED_AT IS NULL AND ID <> ?", 1,
                            Sealing.token(emailIndex), except);
            if (!same.isEmpty()) {
                throw new ConflictException("A contact with this e-mail address exists: " + same.get(0).id());
            }
            return null;
        });
    }

    static Map<String, String> values(ContactDraft d) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("firstName", d.firstName());
        v.put("lastName", d.lastName());
        v.put("email", d.email());
        v.put("phone", d.phone());
        v.put("mobile", d.mobile());
        PostalAddress a = d.address();
        v.put("address.street", a.street());
        v.put("address.postalCode", a.postalCode());
        v.put("address.city", a.city());
        v.put("address.region", a.region());
        v.put("address.country", a.country());
        v.put("birthDate", d.birthday());
        v.put("language", d.language());
        v.put("jobTitle", d.jobTitle());
        v.put(MultiValues.EMAILS, d.otherEmails());
        v.put(MultiValues.PHONES, d.otherPhones());
        v.put(MultiValues.ADDRESSES, d.otherAddresses());
        v.put("notes", d.notes());
        v.put(BuiltInFields.COMPANY, d.companyId());
        v.put(BuiltInFields.TAGS, Tags.join(d.tags()));
        v.put(BuiltInFields.OWNER, d.ownerUserId());
        v.putAll(d.customFields());
        return v;
    }

    // ============================================================================================== read

    @Override
    public Contact get(ContactId id, Actor actor) {
        StoredContact s = views.loadLive(id.value());
        access.require(actor, Operation.READ, ContactViews.ref(s.id(), s.owner()));
        return views.view(s, actor);
    }

    @Override
    public Optional<Contact> byPerson(PersonId person, Actor actor) {
        List<StoredContact> found = db.write(c -> store.loadWhere(c, "PERSON_ID = ? AND DELETED_AT IS NULL", 1,
                person.toString()));
        return first(found, actor);
    }

    @Override
    public Optional<Contact> findByEmail(String email, Actor actor) {
        return first(search.byEmail(email, 1), actor);
    }

    private Optional<Contact> first(List<StoredContact> found, Actor actor) {
        if (found.isEmpty()) {
            return Optional.empty();
        }
        access.require(actor, Operation.READ, ContactViews.ref(found.get(0).id(), found.get(0).owner()));
        return Optional.of(views.view(found.get(0), actor));
    }

    @Override
    public List<Contact> find(String text, int limit, Actor actor) {
        access.require(actor, Operation.READ, MODULE, Optional.empty());
        RecordVisibility visibility = access.visibility(actor, MODULE, TYPE);
        List<StoredContact> candidates = search.search(text, Math.max(1, Math.min(limit, 1000)) * 5);
        FieldAccessPlan plan = views.plan(actor);
        List<Contact> result = candidates.stream().filter(s -> visibility.isVisible(s.id(), s.owner()))
                .limit(Math.max(1, limit)).map(s -> ContactViews.mask(s, plan)).toList();
        audit.append(AuditEvent.builder(actor, "contact.search").target(MODULE, TYPE)
                .fields(List.copyOf(plan.readable())).details(result.size() + " contacts found").build());
        return result;
    }

    @Override
    public long count(Actor actor) {
        access.require(actor, Operation.READ, MODULE, Optional.empty());
        RecordVisibility visibility = access.visibility(actor, MODULE, TYPE);
        if (visibility.nothing()) {
            return 0;
        }
        return db.write(c -> {
            if (visibility.allRecords()) {
                return JdbcTransactions.count(c, "SELECT COUNT(*) FROM CONTACTS_CONTACT WHERE DELETED_AT IS NULL");
            }
            List<Object> values = new ArrayList<>(visibility.ownerUserIds());
            values.addAll(visibility.sharedRecordIds());
            return JdbcTransactions.count(c, "SELECT COUNT(*) FROM CONTACTS_CONTACT WHERE DELETED_AT IS NULL AND ("
                    + in("OWNER_USER_ID", visibility.ownerUserIds().size()) + " OR "
                    + in("ID", visibility.sharedRecordIds().size()) + ")", values.toArray());
        });
    }

    static String in(String column, int n) {
        return n == 0 ? "1 = 0" : column + " IN (" + String.join(", ", Collections.nCopies(n, "?")) + ")";
    }

    // ============================================================================================== change

    @Override
    public Contact update(ContactId id, Map<String, String> changes, Actor actor) {
        if (changes == null || changes.isEmpty()) {
            throw new ValidationException("changes", "are required");
        }
        StoredContact s = views.loadLive(id.value());
        if (s.restricted()) {
            throw audit.refuseRestricted(actor, "contact.update", MODULE, TYPE, s.id(), s.person());
        }
        access.require(actor, Operation.EDIT, ContactViews.ref(s.id(), s.owner()));
        access.requireFields(actor, MODULE, TYPE, fields.classifications(), Purpose.EDIT, changes.keySet());
        List<Violation> violations = new ArrayList<>();
        // a national number is read in the contact's country when the changes name none
        Map<String, String> clean = validation.validate(changes, violations,
                FieldValidation.region(s.values(), null));
        Map<String, String> after = new LinkedHashMap<>(s.values());
        after.putAll(clean);
        FieldValidation.requireNameOrEmail(after, violations);
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        if (clean.containsKey("email") && clean.get("email") != null) {
            requireUniqueEmail(sealing.emailIndex(clean.get("email")), s.id());
        }
        db.write(c -> {
            store.update(c, s, clean, clock.millis());
            return null;
        });
        audit.append(AuditEvent.builder(actor, "contact.update").target(MODULE, TYPE, s.id()).person(s.person())
                .fields(List.copyOf(clean.keySet())).build());
        return views.view(views.load(s.id()), actor);
    }

    @Override
    public Contact setLawfulBasis(ContactId id, PurposeBasis basis, Actor actor) {
        if (basis == null) {
            throw new ValidationException("basis", "is required");
        }
        validateBasis(basis);
        StoredContact s = views.loadLive(id.value());
        if (s.restricted()) {
            throw audit.refuseRestricted(actor, "contact.lawful-basis.set", MODULE, TYPE, s.id(), s.person());
        }
        access.require(actor, Operation.MANAGE_CONSENT, ContactViews.ref(s.id(), s.owner()));
        db.write(c -> {
            JdbcTransactions.update(c, "DELETE FROM CONTACTS_LAWFUL_BASIS WHERE CONTACT_ID = ? AND PURPOSE = ?",
                    s.id(), basis.purpose());
            ContactStore.batch(c, ContactStore.INSERT_BASIS, List.<Object[]>of(ContactStore.basisRow(s.id(), basis)));
            return null;
        });
        audit.append(AuditEvent.builder(actor, "contact.lawful-basis.set").target(MODULE, TYPE, s.id())
                .person(s.person()).fields("lawfulBases")
                .details("purpose " + basis.purpose() + ": " + basis.basis() + ", reviewed " + basis.lastReviewed())
                .build());
        return views.view(views.load(s.id()), actor);
    }

    private void validateBasis(PurposeBasis basis) {
        List<Violation> violations = new ArrayList<>();
        if (!basis.purpose().matches("[a-z0-9][a-z0-9._-]{0,99}")) {
            violations.add(new Violation("purpose", "must be a purpose name: lower-case letters, digits, '.', '_', "
                    + "'-'"));
        }
        if (basis.basis() == LawfulBasis.LEGITIMATE_INTERESTS && basis.justification().isBlank()) {
            violations.add(new Violation("justification", "is required for legitimate interests (Art. 6(1)(f)): "
                    + "record the balancing test"));
        }
        if (basis.justification().length() > 4000) {
            violations.add(new Violation("justification", "is longer than 4000 characters"));
        }
        if (basis.lastReviewed().isAfter(LocalDate.now(clock).plusDays(1))) {
            violations.add(new Violation("lastReviewed", "lies in the future"));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
    }

    @Override
    public void delete(ContactId id, Actor actor) {
        StoredContact s = views.loadLive(id.value());
        if (s.restricted()) {
            throw audit.refuseRestricted(actor, "contact.delete", MODULE, TYPE, s.id(), s.person());
        }
        access.require(actor, Operation.DELETE, ContactViews.ref(s.id(), s.owner()));
        db.write(c -> JdbcTransactions.update(c, "UPDATE CONTACTS_CONTACT SET DELETED_AT = ? WHERE ID = ?",
                clock.millis(), s.id()));
        audit.append(AuditEvent.builder(actor, "contact.delete").target(MODULE, TYPE, s.id()).person(s.person())
                .details("moved to the recycle bin").build());
    }

    @Override
    public Contact restore(ContactId id, Actor actor) {
        StoredContact s = views.load(id.value());
        if (s.deletedAt() == null) {
            return get(id, actor);
        }
        if (s.mergedInto() != null) {
            throw new ConflictException("Contact " + s.id() + " was merged into " + s.mergedInto()
                    + " and cannot be restored");
        }
        access.require(actor, Operation.DELETE, ContactViews.ref(s.id(), s.owner()));
        db.write(c -> JdbcTransactions.update(c, "UPDATE CONTACTS_CONTACT SET DELETED_AT = NULL WHERE ID = ?",
                s.id()));
        audit.append(AuditEvent.builder(actor, "contact.restore").target(MODULE, TYPE, s.id()).person(s.person())
                .build());
        return views.view(views.load(s.id()), actor);
    }
}
