package org.steward.consent.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.consent.Consents;
import org.steward.core.Actor;
import org.steward.core.DataClassification;
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
import org.steward.permissions.Operation;

/**
 * The personal-data provider of the consent module: the full history of consents with their proof, link tokens (never
 * the token itself), subscriptions and cookie choices. See docs/CONSENT.md for why nothing is rectified and nothing
 * is kept after erasure.
 */
@Component(service = PersonalDataProvider.class, property = PersonalDataProvider.MODULE_PROPERTY + "="
        + Consents.MODULE)
public final class ConsentDataProvider implements PersonalDataProvider {

    static final String CONSENTS = "consents";
    static final String LINKS = "consent links";
    static final String SUBSCRIPTIONS = "mailing-list subscriptions";
    static final String COOKIES = "cookie preferences";
    /** Who gives consent: the people on the mailing lists and behind the web forms. */
    static final List<String> SUBJECTS = List.of("customers", "prospects", "newsletter subscribers",
            "website visitors");

    private final ConsentStore store;

    @Activate
    public ConsentDataProvider(@Reference ConsentStore store) {
        this.store = store;
    }

    @Override
    public String module() {
        return Consents.MODULE;
    }

    @Override
    public DataDescription describe() {
        List<String> purposes = List.of("proof of consent (Art. 7(1))", "honouring withdrawals and unsubscriptions");
        List<String> bases = List.of("Art. 6(1)(c) legal obligation to demonstrate consent (Art. 7(1))");
        return new DataDescription(Consents.MODULE, List.of(
                new DataCategory(CONSENTS, List.of(
                        field("purpose", DataClassification.PERSONAL, "the purpose consented to or withdrawn"),
                        field("state", DataClassification.PERSONAL, "pending, granted or withdrawn"),
                        field("at", DataClassification.PERSONAL, "when the consent was given or withdrawn"),
                        field("channel", DataClassification.PERSONAL, "web form, portal, staff, import"),
                        field("form", DataClassification.PERSONAL, "the form on which it was given"),
                        field("textVersion", DataClassification.PERSONAL, "the version of the consent text shown"),
                        field(ConsentStore.IP, DataClassification.SENSITIVE, "the submitter's IP address, encrypted"),
                        field(ConsentStore.USER_AGENT, DataClassification.SENSITIVE, "the submitter's browser, encrypted"),
                        field("confirmedAt", DataClassification.PERSONAL, "when the double opt-in was confirmed"),
                        field(ConsentStore.CONFIRM_IP, DataClassification.SENSITIVE,
                                "the IP address the confirmation link was opened from, encrypted"),
                        field(ConsentStore.CONFIRM_USER_AGENT, DataClassification.SENSITIVE,
                                "the browser that opened the confirmation link, encrypted")),
                        purposes, bases, List.of(), "kept while the contact exists (the proof must outlive the "
                                + "consent); unconfirmed submissions are deleted after the configured days (7)",
                        SUBJECTS),
                new DataCategory(LINKS, List.of(
                        field("kind", DataClassification.PERSONAL, "confirmation, consent request or unsubscribe"),
                        field("createdAt", DataClassification.PERSONAL, "when the link was mailed"),
                        field("expiresAt", DataClassification.PERSONAL, "when it stops working"),
                        field("usedAt", DataClassification.PERSONAL, "when it was used")),
                        List.of("double opt-in", "consent requests", "one-click unsubscribe"), bases, List.of(),
                        "until used or expired and purged with the submission; only a hash of the token is stored",
                        SUBJECTS),
                new DataCategory(SUBSCRIPTIONS, List.of(
                        field("list", DataClassification.PERSONAL, "the mailing list"),
                        field("subscribed", DataClassification.PERSONAL, "subscribed or unsubscribed"),
                        field("at", DataClassification.PERSONAL, "when"),
                        field("how", DataClassification.PERSONAL, "subscribe, unsubscribe, one-click")),
                        List.of("sending list mail only to subscribers"),
                        List.of("Art. 6(1)(a) consent"), List.of(), "kept while the contact exists", SUBJECTS),
                new DataCategory(COOKIES, List.of(
                        field("preferences", DataClassification.PERSONAL, "preference cookies allowed"),
                        field("statistics", DataClassification.PERSONAL, "statistics cookies allowed"),
                        field("marketing", DataClassification.PERSONAL, "marketing cookies allowed"),
                        field("at", DataClassification.PERSONAL, "when the choice was made"),
                        field(ConsentStore.IP, DataClassification.SENSITIVE, "IP address, encrypted"),
                        field(ConsentStore.USER_AGENT, DataClassification.SENSITIVE, "browser, encrypted")),
                        List.of("proof of cookie consent (ePrivacy Art. 5(3))"),
                        List.of("Art. 6(1)(a) consent; Art. 6(1)(c) proof"), List.of(), "kept while the contact exists",
                        SUBJECTS)));
    }

    private static FieldDescription field(String name, DataClassification classification, String description) {
        return new FieldDescription(name, classification, description);
    }

    @Override
    public PersonalDataExport export(PersonId person, Actor actor) {
        store.requireAccess(actor, Operation.EXPORT, person);
        List<ExportedRecord> records = store.db().read(em -> {
            List<ExportedRecord> out = new ArrayList<>();
            for (ConsentEventRecord r : em.createQuery("SELECT r FROM ConsentEventRecord r WHERE r.personId = :p "
                    + "ORDER BY r.seq", ConsentEventRecord.class).setParameter("p", person.toString())
                    .getResultList()) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("purpose", r.purpose);
                f.put("state", r.state);
                f.put("at", r.proofAt.toString());
                f.put("channel", r.channel);
                f.put("form", r.formName);
                f.put("textVersion", r.textVersion);
                store.decrypt(person, r.id, ConsentStore.IP, r.ipEncrypted).ifPresent(v -> f.put(ConsentStore.IP, v));
                store.decrypt(person, r.id, ConsentStore.USER_AGENT, r.userAgentEncrypted)
                        .ifPresent(v -> f.put(ConsentStore.USER_AGENT, v));
                if (r.confirmedAt != null) {
                    f.put("confirmedAt", r.confirmedAt.toString());
                }
                store.decrypt(person, r.id, ConsentStore.CONFIRM_IP, r.confirmIpEncrypted)
                        .ifPresent(v -> f.put(ConsentStore.CONFIRM_IP, v));
                store.decrypt(person, r.id, ConsentStore.CONFIRM_USER_AGENT, r.confirmUserAgentEncrypted)
                        .ifPresent(v -> f.put(ConsentStore.CONFIRM_USER_AGENT, v));
                f.put("recordedAt", r.recordedAt.toString());
                out.add(new ExportedRecord(CONSENTS, "consent", r.id, f, r.channel + " " + r.formName));
            }
            for (TokenRecord t : em.createQuery("SELECT t FROM TokenRecord t WHERE t.personId = :p ORDER BY "
                    + "t.createdAt", TokenRecord.class).setParameter("p", person.toString()).getResultList()) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("kind", t.kind.toLowerCase(java.util.Locale.ROOT));
                f.put(TokenRecord.UNSUBSCRIBE.equals(t.kind) ? "list" : "purpose", t.subject);
                f.put("createdAt", t.createdAt.toString());
                f.put("expiresAt", t.expiresAt.toString());
                if (t.usedAt != null) {
                    f.put("usedAt", t.usedAt.toString());
                }
                // the hash is an id for the export only; the token itself was never stored
                out.add(new ExportedRecord(LINKS, "link", t.tokenHash.substring(0, 16), f, "mail"));
            }
            for (SubscriptionRecord s : em.createQuery("SELECT s FROM SubscriptionRecord s WHERE s.personId = :p "
                    + "ORDER BY s.seq", SubscriptionRecord.class).setParameter("p", person.toString())
                    .getResultList()) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("list", s.list);
                f.put("subscribed", s.subscribed);
                f.put("at", s.recordedAt.toString());
                f.put("how", s.how);
                out.add(new ExportedRecord(SUBSCRIPTIONS, "subscription", s.id, f, s.channel));
            }
            for (CookieRecord c : em.createQuery("SELECT c FROM CookieRecord c WHERE c.personId = :p ORDER BY c.seq",
                    CookieRecord.class).setParameter("p", person.toString()).getResultList()) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("necessary", true);
                f.put("preferences", c.preferences);
                f.put("statistics", c.statistics);
                f.put("marketing", c.marketing);
                f.put("at", c.proofAt.toString());
                f.put("form", c.formName);
                f.put("textVersion", c.textVersion);
                store.decrypt(person, c.id, ConsentStore.IP, c.ipEncrypted).ifPresent(v -> f.put(ConsentStore.IP, v));
                store.decrypt(person, c.id, ConsentStore.USER_AGENT, c.userAgentEncrypted)
                        .ifPresent(v -> f.put(ConsentStore.USER_AGENT, v));
                out.add(new ExportedRecord(COOKIES, "cookie-choice", c.id, f, c.channel + " " + c.formName));
            }
            return out;
        });
        store.audit(actor, "consent.export", "person", person.toString(), person, records.size() + " records");
        return new PersonalDataExport(Consents.MODULE, records);
    }

    /**
     * Consent records are evidence of what the person declared at a time: correcting them would falsify the proof.
     * The person changes a consent by giving or withdrawing it, which adds a record.
     */
    @Override
    public int rectify(PersonId person, Map<String, String> corrections, Actor actor) {
        store.requireAccess(actor, Operation.MANAGE_CONSENT, person);
        if (corrections == null || corrections.isEmpty()) {
            return 0;
        }
        List<Violation> violations = corrections.keySet().stream().map(field -> new Violation(String.valueOf(field),
                "is evidence of a consent and cannot be rectified; give or withdraw the consent instead")).toList();
        throw new ValidationException(violations);
    }

    @Override
    public void restrict(PersonId person, boolean restricted, Actor actor) {
        store.requireAccess(actor, Operation.MANAGE_CONSENT, person);
        boolean changed = store.db().write(em -> restricted ? ConsentStore.LOCKS.restrict(em, person, store.now())
                : ConsentStore.LOCKS.lift(em, person));
        store.audit(actor, restricted ? "consent.restrict" : "consent.unrestrict", "person", person.toString(), person,
                changed ? "" : "unchanged");
    }

    @Override
    public boolean isRestricted(PersonId person) {
        return store.isRestricted(person);
    }

    /**
     * Deletes every row of the person, withdrawal records included. The fact that consent was given, withdrawn and
     * erased stays in the audit log by person id only, which is enough to answer a later claim without keeping
     * personal data.
     */
    @Override
    public ErasureOutcome erase(PersonId person, Actor actor) {
        store.requireAccess(actor, Operation.ERASE, person);
        int deleted = store.db().write(em -> {
            int n = 0;
            for (String entity : List.of("ConsentEventRecord", "TokenRecord", "SubscriptionRecord", "CookieRecord")) {
                n += em.createQuery("DELETE FROM " + entity + " r WHERE r.personId = :p")
                        .setParameter("p", person.toString()).executeUpdate();
            }
            return n + (ConsentStore.LOCKS.lift(em, person) ? 1 : 0);
        });
        store.audit(actor, "consent.erase", "person", person.toString(), person, deleted + " records deleted");
        return new ErasureOutcome(deleted, 0, List.of());
    }
}
