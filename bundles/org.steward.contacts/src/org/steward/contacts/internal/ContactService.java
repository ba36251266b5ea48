package org.steward.contacts.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.audit.AuditEvent;
import org.steward.contacts.BlocklistOverride;
import org.steward.contacts.Contact;
import org.steward.contacts.ContactDraft;
import org.steward.contacts.ContactId;
import org.steward.contacts.Contacts;
import org.steward.contacts.DataSource;
import org.steward.contacts.Duplicates;
import org.steward.contacts.LawfulBasis;
import org.steward.contacts.PostalAddress;
import org.steward.contacts.PurposeBasis;
import org.steward.core.Actor;
import org.steward.core.ConflictException;
import org.steward.core.NotFoundException;
import org.steward.core.PersonId;
import org.steward.core.ProcessingRestrictedException;
import org.steward.core.Uuids;
import org.steward.core.ValidationException;
import org.steward.core.Violation;
import org.steward.encryption.BlocklistEntry;
import org.steward.permissions.FieldAccessPlan;
import org.steward.permissions.Operation;
import org.steward.permissions.Purpose;
import org.steward.permissions.RecordRef;
import org.steward.permissions.RecordVisibility;

/** The contacts service and duplicate detection/merge (design rule 3 on every method). */
@Component(service = { Contacts.class, Duplicates.class, ContactService.class })
public final class ContactService implements Contacts, Duplicates {

    static final String TYPE = "contact";

    final ContactsBase base;
    final ContactStore store;

    @Activate
    public ContactService(@Reference ContactsBase base) {
        this.base = base;
        this.store = new ContactStore(base);
    }

    static RecordRef ref(String id, String owner) {
        return new RecordRef(MODULE, TYPE, id, Optional.ofNullable(owner));
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
        base.access.require(actor, Operation.CREATE, ref(id, raw.get(BuiltInFields.OWNER)));
        List<Violation> violations = new ArrayList<>();
        Map<String, String> clean = base.validate(raw, violations);
        requireNameOrEmail(clean, violations);
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        List<String> written = clean.entrySet().stream().filter(e -> e.getValue() != null).map(Map.Entry::getKey)
                .filter(f -> !BuiltInFields.OWNER.equals(f)).toList();
        base.access.requireFields(actor, MODULE, TYPE, base.classifications(), Purpose.EDIT, written);
        Identifiers ids = Identifiers.of(base, clean);
        if (ids.email() != null) {
            base.db.tx(c -> {
                List<StoredContact> same = store.loadWhere(c, "EMAIL_TOKEN = ? AND DELETED_AT IS NULL", 1,
                        ContactsBase.token(ids.email()));
                if (!same.isEmpty()) {
                    throw new ConflictException("A contact with this e-mail address exists: " + same.get(0).id());
                }
                return null;
            });
        }
        Optional<BlocklistEntry> erased = base.checkBlocklist(ids.present(), override, TYPE);
        long now = base.clock.millis();
        ContactStore.Prepared prepared = store.prepare(id, person, clean, ids, List.of(source), List.of(), null,
                null, now);
        Optional<Object[]> overridden = erased.map(e -> store.overrideRow(person, id, override.orElseThrow().reason(),
                actor.userId(), now, e.erasedAt().toEpochMilli()));
        base.db.tx(c -> {
            ContactStore.insert(c, List.of(prepared));
            if (overridden.isPresent()) {
                Db.update(c, ContactStore.INSERT_OVERRIDE, overridden.get());
            }
            return null;
        });
        erased.ifPresent(e -> base.audit.append(AuditEvent.builder(actor, "contacts.blocklist.override")
                .target(MODULE, TYPE, id).person(person).details("erased before (" + e.erasedAt() + "); override "
                        + overridden.get()[0] + ", its reason kept encrypted with the contact")
                .build()));
        base.audit.append(AuditEvent.builder(actor, "contact.create").target(MODULE, TYPE, id).person(person)
                .fields(written).details("source " + source.type()).build());
        return view(load(id), actor);
    }


    static void requireNameOrEmail(Map<String, String> clean, List<Violation> violations) {
        if (clean.get("firstName") == null && clean.get("lastName") == null && clean.get("email") == null) {
            violations.add(new Violation("lastName", "a name or an e-mail address is required"));
        }
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
        v.put("birthDate", d.birthDate() == null ? null : d.birthDate().toString());
        v.put("language", d.language());
        v.put("notes", d.notes());
        v.put(BuiltInFields.COMPANY, d.companyId());
        v.put(BuiltInFields.TAGS, Tags.join(d.tags()));
        v.put(BuiltInFields.OWNER, d.ownerUserId());
        v.putAll(d.customFields());
        return v;
    }

    // ============================================================================================== read

    StoredContact load(String id) {
        return base.db.tx(c -> store.load(c, id)).orElseThrow(() -> new NotFoundException("Contact", id));
    }

    StoredContact loadLive(String id) {
        StoredContact contact = load(id);
        if (contact.deletedAt() != null) {
            throw new NotFoundException("Contact", id);
        }
        return contact;
    }

    /** The contact as the actor may see it, audited as a read. */
    Contact view(StoredContact s, Actor actor) {
        FieldAccessPlan plan = base.access.fields(actor, MODULE, TYPE, base.classifications(), Purpose.VIEW);
        Contact contact = mask(s, plan);
        base.audit.append(AuditEvent.builder(actor, "contact.read").target(MODULE, TYPE, s.id()).person(s.person())
                .fields(List.copyOf(plan.readable())).build());
        return contact;
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
                v.get("phone"), v.get("mobile"), address, birth == null || birth.startsWith("[") ? null
                        : LocalDate.parse(birth), v.get("language"), v.get("notes"), custom,
                v.get(BuiltInFields.COMPANY), Tags.parse(v.get(BuiltInFields.TAGS)), s.owner(), s.restricted(),
                s.sources(), s.bases(), java.time.Instant.ofEpochMilli(s.createdAt()),
                java.time.Instant.ofEpochMilli(s.updatedAt()), hidden);
    }

    @Override
    public Contact get(ContactId id, Actor actor) {
        StoredContact s = loadLive(id.value());
        base.access.require(actor, Operation.READ, ref(s.id(), s.owner()));
        return view(s, actor);
    }

    @Override
    public Optional<Contact> byPerson(PersonId person, Actor actor) {
        List<StoredContact> found = base.db.tx(c -> store.loadWhere(c,
                "PERSON_ID = ? AND DELETED_AT IS NULL", 1, person.toString()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        base.access.require(actor, Operation.READ, ref(found.get(0).id(), found.get(0).owner()));
        return Optional.of(view(found.get(0), actor));
    }

    @Override
    public Optional<Contact> findByEmail(String email, Actor actor) {
        List<StoredContact> found = byEmail(email, 1);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        base.access.require(actor, Operation.READ, ref(found.get(0).id(), found.get(0).owner()));
        return Optional.of(view(found.get(0), actor));
    }

    @Override
    public List<Contact> find(String text, int limit, Actor actor) {
        base.access.require(actor, Operation.READ, MODULE, Optional.empty());
        RecordVisibility visibility = base.access.visibility(actor, MODULE, TYPE);
        List<StoredContact> candidates = search(text, Math.max(1, Math.min(limit, 1000)) * 5);
        FieldAccessPlan plan = base.access.fields(actor, MODULE, TYPE, base.classifications(), Purpose.VIEW);
        List<Contact> result = candidates.stream().filter(s -> visibility.isVisible(s.id(), s.owner()))
                .limit(Math.max(1, limit)).map(s -> mask(s, plan)).toList();
        base.audit.append(AuditEvent.builder(actor, "contact.search").target(MODULE, TYPE)
                .fields(List.copyOf(plan.readable())).details(result.size() + " contacts found").build());
        return result;
    }

    /** Live contacts with this e-mail address: by token, then compared decrypted (a token may be shared). */
    private List<StoredContact> byEmail(String email, int limit) {
        String wanted = base.blindIndex.normaliseEmail(email);
        Long token = ContactsBase.token(base.blindIndex.email(email));
        return base.db.tx(c -> store.loadWhere(c, "EMAIL_TOKEN = ? AND DELETED_AT IS NULL", limit, token)).stream()
                .filter(s -> s.values().get("email") != null
                        && wanted.equals(base.blindIndex.normaliseEmail(s.values().get("email"))))
                .toList();
    }

    private boolean samePhone(String number, String stored) {
        try {
            return stored != null && number.equals(base.blindIndex.normalisePhone(stored));
        } catch (ValidationException e) {
            return false;
        }
    }

    /** Candidates through the blind-index tokens, then compared decrypted; never a scan of decrypted names. */
    List<StoredContact> search(String text, int limit) {
        if (text == null || text.isBlank()) {
            throw new ValidationException("text", "is required");
        }
        String t = text.strip();
        if (t.contains("@")) {
            return byEmail(t, limit);
        }
        if (t.matches("[+0-9 ()./-]{6,}")) {
            Long token = ContactsBase.token(base.blindIndex.phone(t));
            String number = base.blindIndex.normalisePhone(t);
            return base.db.tx(c -> store.loadWhere(c, "(PHONE_TOKEN = ? OR MOBILE_TOKEN = ?) AND DELETED_AT IS NULL",
                    limit, token, token)).stream().filter(s -> samePhone(number, s.values().get("phone"))
                            || samePhone(number, s.values().get("mobile"))).toList();
        }
        String[] words = t.split("\\s+");
        List<StoredContact> found;
        if (words.length == 1) {
            Long p = ContactsBase.token(base.prefixIndex(words[0]));
            found = base.db.tx(c -> store.loadWhere(c, "(FIRST_TOKEN = ? OR LAST_TOKEN = ?) AND DELETED_AT IS NULL",
                    limit * 4, p, p));
            return found.stream().filter(s -> NameSearch.startsWith(s.values().get("firstName"), words[0])
                    || NameSearch.startsWith(s.values().get("lastName"), words[0])).limit(limit).toList();
        }
        String first = words[0];
        String last = t.substring(first.length()).strip();
        Long p1 = ContactsBase.token(base.prefixIndex(first));
        Long p2 = ContactsBase.token(base.prefixIndex(last));
        found = base.db.tx(c -> store.loadWhere(c, "((LAST_TOKEN = ? AND FIRST_TOKEN = ?) OR "
                + "(LAST_TOKEN = ? AND FIRST_TOKEN = ?)) AND DELETED_AT IS NULL", limit * 4, p2, p1, p1, p2));
        return found.stream().filter(s -> (NameSearch.startsWith(s.values().get("firstName"), first)
                && NameSearch.startsWith(s.values().get("lastName"), last))
                || (NameSearch.startsWith(s.values().get("lastName"), first)
                        && NameSearch.startsWith(s.values().get("firstName"), last)))
                .limit(limit).toList();
    }

    // ============================================================================================== change

    static void requireUnrestricted(StoredContact s, String operation) {
        if (s.restricted()) {
            throw new ProcessingRestrictedException(s.person(), operation);
        }
    }

    @Override
    public Contact update(ContactId id, Map<String, String> changes, Actor actor) {
        if (changes == null || changes.isEmpty()) {
            throw new ValidationException("changes", "are required");
        }
        StoredContact s = loadLive(id.value());
        requireUnrestricted(s, "update");
        base.access.require(actor, Operation.EDIT, ref(s.id(), s.owner()));
        base.access.requireFields(actor, MODULE, TYPE, base.classifications(), Purpose.EDIT, changes.keySet());
        List<Violation> violations = new ArrayList<>();
        Map<String, String> clean = base.validate(changes, violations);
        Map<String, String> after = new LinkedHashMap<>(s.values());
        after.putAll(clean);
        requireNameOrEmail(after, violations);
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        if (clean.containsKey("email") && clean.get("email") != null) {
            String index = base.emailIndex(clean.get("email"));
            base.db.tx(c -> {
                List<StoredContact> same = store.loadWhere(c, "EMAIL_TOKEN = ? AND DELETED_AT IS NULL AND ID <> ?",
                        1, ContactsBase.token(index), s.id());
                if (!same.isEmpty()) {
                    throw new ConflictException("A contact with this e-mail address exists: " + same.get(0).id());
                }
                return null;
            });
        }
        base.db.tx(c -> {
            store.update(c, s, clean, base.clock.millis());
            return null;
        });
        base.audit.append(AuditEvent.builder(actor, "contact.update").target(MODULE, TYPE, s.id()).person(s.person())
                .fields(List.copyOf(clean.keySet())).build());
        return view(load(s.id()), actor);
    }

    @Override
    public Contact setLawfulBasis(ContactId id, PurposeBasis basis, Actor actor) {
        if (basis == null) {
            throw new ValidationException("basis", "is required");
        }
        validateBasis(basis);
        StoredContact s = loadLive(id.value());
        requireUnrestricted(s, "recording a lawful basis");
        base.access.require(actor, Operation.MANAGE_CONSENT, ref(s.id(), s.owner()));
        base.db.tx(c -> {
            Db.update(c, "DELETE FROM CONTACTS_LAWFUL_BASIS WHERE CONTACT_ID = ? AND PURPOSE = ?", s.id(),
                    basis.purpose());
            ContactStore.batch(c, ContactStore.INSERT_BASIS, List.<Object[]>of(ContactStore.basisRow(s.id(), basis)));
            return null;
        });
        base.audit.append(AuditEvent.builder(actor, "contact.lawful-basis.set").target(MODULE, TYPE, s.id())
                .person(s.person()).fields("lawfulBases")
                .details("purpose " + basis.purpose() + ": " + basis.basis() + ", reviewed " + basis.lastReviewed())
                .build());
        return view(load(s.id()), actor);
    }

    static void validateBasis(PurposeBasis basis) {
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
        if (basis.lastReviewed().isAfter(LocalDate.now().plusDays(1))) {
            violations.add(new Violation("lastReviewed", "lies in the future"));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
    }

    @Override
    public void delete(ContactId id, Actor actor) {
        StoredContact s = loadLive(id.value());
        requireUnrestricted(s, "deletion");
        base.access.require(actor, Operation.DELETE, ref(s.id(), s.owner()));
        base.db.tx(c -> Db.update(c, "UPDATE CONTACTS_CONTACT SET DELETED_AT = ? WHERE ID = ?", base.clock.millis(),
                s.id()));
        base.audit.append(AuditEvent.builder(actor, "contact.delete").target(MODULE, TYPE, s.id()).person(s.person())
                .details("moved to the recycle bin").build());
    }

    @Override
    public Contact restore(ContactId id, Actor actor) {
        StoredContact s = load(id.value());
        if (s.deletedAt() == null) {
            return get(id, actor);
        }
        if (s.mergedInto() != null) {
            throw new ConflictException("Contact " + s.id() + " was merged into " + s.mergedInto()
                    + " and cannot be restored");
        }
        base.access.require(actor, Operation.DELETE, ref(s.id(), s.owner()));
        base.db.tx(c -> Db.update(c, "UPDATE CONTACTS_CONTACT SET DELETED_AT = NULL WHERE ID = ?", s.id()));
        base.audit.append(AuditEvent.builder(actor, "contact.restore").target(MODULE, TYPE, s.id()).person(s.person())
                .build());
        return view(load(s.id()), actor);
    }

    @Override
    public long count(Actor actor) {
        base.access.require(actor, Operation.READ, MODULE, Optional.empty());
        RecordVisibility visibility = base.access.visibility(actor, MODULE, TYPE);
        if (visibility.nothing()) {
            return 0;
        }
        return base.db.tx(c -> {
            if (visibility.allRecords()) {
                return Db.count(c, "SELECT COUNT(*) FROM CONTACTS_CONTACT WHERE DELETED_AT IS NULL");
            }
            List<Object> values = new ArrayList<>(visibility.ownerUserIds());
            values.addAll(visibility.sharedRecordIds());
            return Db.count(c, "SELECT COUNT(*) FROM CONTACTS_CONTACT WHERE DELETED_AT IS NULL AND ("
                    + in("OWNER_USER_ID", visibility.ownerUserIds().size()) + " OR "
                    + in("ID", visibility.sharedRecordIds().size()) + ")", values.toArray());
        });
    }

    static String in(String column, int n) {
        return n == 0 ? "1 = 0" : column + " IN (" + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")";
    }

    // ============================================================================================== duplicates

    @Override
    public List<ContactId> duplicatesOf(ContactId id, Actor actor) {
        StoredContact s = loadLive(id.value());
        base.access.require(actor, Operation.READ, ref(s.id(), s.owner()));
        List<ContactId> found = duplicates(s).stream().map(d -> new ContactId(d.id())).toList();
        base.audit.append(AuditEvent.builder(actor, "contact.duplicates").target(MODULE, TYPE, s.id())
                .person(s.person()).fields("email", "phone", "mobile").details(found.size() + " duplicates").build());
        return found;
    }

    List<StoredContact> duplicates(StoredContact s) {
        List<Long> phones = new ArrayList<>();
        phones.add(base.phoneToken(s.values().get("phone")));
        phones.add(base.phoneToken(s.values().get("mobile")));
        phones.removeIf(p -> p == null);
        Long email = base.emailToken(s.values().get("email"));
        List<String> clauses = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (email != null) {
            clauses.add("EMAIL_TOKEN = ?");
            values.add(email);
        }
        if (!phones.isEmpty()) {
            clauses.add(in("PHONE_TOKEN", phones.size()));
            values.addAll(phones);
            clauses.add(in("MOBILE_TOKEN", phones.size()));
            values.addAll(phones);
        }
        if (clauses.isEmpty()) {
            return List.of();
        }
        values.add(s.id());
        return base.db.tx(c -> store.loadWhere(c, "(" + String.join(" OR ", clauses)
                + ") AND ID <> ? AND DELETED_AT IS NULL", 100, values.toArray()));
    }

    @Override
    public Contact merge(ContactId survivorId, ContactId duplicateId, Actor actor) {
        if (survivorId.equals(duplicateId)) {
            throw new ValidationException("duplicate", "is the same contact as the survivor");
        }
        StoredContact survivor = loadLive(survivorId.value());
        StoredContact duplicate = loadLive(duplicateId.value());
        requireUnrestricted(survivor, "merge");
        requireUnrestricted(duplicate, "merge");
        base.access.require(actor, Operation.EDIT, ref(survivor.id(), survivor.owner()));
        base.access.require(actor, Operation.DELETE, ref(duplicate.id(), duplicate.owner()));
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
        long now = base.clock.millis();
        base.db.tx(c -> {
            Db.update(c, "UPDATE CONTACTS_CONTACT SET DELETED_AT = ?, MERGED_INTO = ?, EMAIL_TOKEN = NULL WHERE ID = ?",
                    now, survivor.id(), duplicate.id());
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
        base.audit.append(AuditEvent.builder(actor, "contact.merge").target(MODULE, TYPE, survivor.id())
                .person(survivor.person()).fields(List.copyOf(fill.keySet()))
                .details("merged contact " + duplicate.id() + " (person " + duplicate.person() + ") into this one")
                .build());
        base.audit.append(AuditEvent.builder(actor, "contact.merged").target(MODULE, TYPE, duplicate.id())
                .person(duplicate.person()).details("merged into contact " + survivor.id()).build());
        return view(load(survivor.id()), actor);
    }

    /** Every contact row of a person, deleted and merged ones included (rights handling). */
    List<StoredContact> allOf(Connection c, PersonId person) throws SQLException {
        return store.loadWhere(c, "PERSON_ID = ?", 10_000, person.toString());
    }

    static Collection<String> noIndexes() {
        return List.of();
    }
}
