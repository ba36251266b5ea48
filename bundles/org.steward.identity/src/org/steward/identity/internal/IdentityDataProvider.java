package org.steward.identity.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.steward.audit.AuditEvent;
import org.steward.audit.Outcome;
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
import org.steward.encryption.KeyManagement;
import org.steward.identity.UserStatus;

import jakarta.persistence.EntityManager;

/**
 * Staff users as data subjects: their account and sign-in sessions, for the rights module. A staff user's person id
 * is their user id ({@link StaffPersons}). Secrets never leave the module: an export says that a password hash, a
 * TOTP secret or recovery codes exist, never their value. Erasure pseudonymises the user record instead of deleting
 * it: the user id stays, so the audit trail keeps pointing at a stable pseudonym; name, e-mail and login name are
 * replaced, secrets, sessions, counters and rules deleted, the user's data key shredded and login disabled for good.
 * Permission to handle a request is the rights module's check (the identity module does not depend on the
 * permissions module); every step here is audited.
 */
final class IdentityDataProvider implements PersonalDataProvider {

    static final String ACCOUNT = "staff account";
    static final String SESSIONS = "sign-in sessions";
    static final String PSEUDONYM_PREFIX = "erased-user-";
    private static final List<String> STAFF = List.of("staff");
    private static final List<String> RECTIFIABLE = List.of("displayName", "email");

    private final Accounts accounts;
    private final KeyManagement keys;

    IdentityDataProvider(Accounts accounts, KeyManagement keys) {
        this.accounts = accounts;
        this.keys = keys;
    }

    @Override
    public String module() {
        return Accounts.MODULE;
    }

    private static FieldDescription field(String name, DataClassification classification, String description) {
        return new FieldDescription(name, classification, description);
    }

    @Override
    public DataDescription describe() {
        List<String> bases = List.of("Art. 6(1)(b) the employment or service contract",
                "Art. 6(1)(f) legitimate interest in securing access to personal data (Art. 32)");
        return new DataDescription(Accounts.MODULE, List.of(
                new DataCategory(ACCOUNT, List.of(
                        field("loginName", DataClassification.PERSONAL, "the login name"),
                        field("displayName", DataClassification.PERSONAL, "the name shown to colleagues"),
                        field("email", DataClassification.PERSONAL, "the work e-mail address"),
                        field("language", DataClassification.PERSONAL, "the preferred language"),
                        field("status", DataClassification.PERSONAL, "whether the user may log in"),
                        field("mfaEnrolled", DataClassification.PERSONAL, "whether a second factor is enrolled"),
                        field("locked", DataClassification.PERSONAL, "whether the account is locked after failures"),
                        field("createdAt", DataClassification.PERSONAL, "when the account was created"),
                        field("passwordChangedAt", DataClassification.PERSONAL, "when the password was last set"),
                        field("password", DataClassification.SENSITIVE,
                                "an Argon2id hash of the password; never exported, only its existence"),
                        field("totpSecret", DataClassification.SENSITIVE,
                                "the authenticator secret, encrypted; never exported, only its existence"),
                        field("recoveryCodes", DataClassification.SENSITIVE,
                                "hashes of the unused recovery codes; never exported, only their number"),
                        field("networks", DataClassification.PERSONAL, "the networks the user may log in from")),
                        List.of("signing staff in to Steward", "attributing changes in the audit trail",
                                "protecting the account against guessing (throttling)"),
                        bases, List.of(), "while the account exists; after erasure a pseudonym stays, so that the "
                                + "audit trail keeps pointing at a stable id", STAFF),
                new DataCategory(SESSIONS, List.of(
                        field("sessionId", DataClassification.PERSONAL, "the session's id (never its token)"),
                        field("channel", DataClassification.PERSONAL, "client, API or console"),
                        field("sourceAddress", DataClassification.PERSONAL, "the IP address the session came from"),
                        field("createdAt", DataClassification.PERSONAL, "when the session started"),
                        field("lastSeenAt", DataClassification.PERSONAL, "when it was last used")),
                        List.of("signing staff in to Steward"), bases, List.of(),
                        "until logout or the idle or absolute timeout", STAFF)));
    }

    /** The user of a person id: the user with that id, else the user whose derived id it is. */
    private static UserRecord user(EntityManager em, PersonId person) {
        if (person == null) {
            throw new ValidationException("personId", "is required");
        }
        UserRecord direct = em.find(UserRecord.class, person.toString());
        if (direct != null) {
            return direct;
        }
        for (String id : em.createQuery("SELECT u.id FROM UserRecord u", String.class).getResultList()) {
            if (!StaffPersons.isUuid(id) && StaffPersons.of(id).equals(person)) {
                return em.find(UserRecord.class, id);
            }
        }
        return null;
    }

    private void audit(Actor actor, String action, UserRecord user, PersonId person, List<String> fields,
            String details) {
        accounts.log().append(AuditEvent.builder(actor, action).target(Accounts.MODULE, "user", user.id).person(person)
                .fields(fields).outcome(Outcome.SUCCESS).details(details).build());
    }

    @Override
    public PersonalDataExport export(PersonId person, Actor actor) {
        requireActor(actor);
        record Found(UserRecord user, long recoveryCodes, String networks, List<SessionRecord> sessions) {
        }
        Found found = accounts.read(em -> {
            UserRecord u = user(em, person);
            if (u == null) {
                return null;
            }
            long codes = em.createQuery("SELECT COUNT(c) FROM RecoveryCodeRecord c WHERE c.userId = :user",
                    Long.class).setParameter("user", u.id).getSingleResult();
            AccessRuleRecord rule = em.find(AccessRuleRecord.class, "user:" + u.id);
            List<SessionRecord> sessions = em.createQuery(
                    "SELECT s FROM SessionRecord s WHERE s.userId = :user ORDER BY s.createdAt", SessionRecord.class)
                    .setParameter("user", u.id).getResultList();
            return new Found(u, codes, rule == null || rule.networks == null ? "" : rule.networks, sessions);
        });
        if (found == null) {
            return new PersonalDataExport(Accounts.MODULE, List.of());
        }
        UserRecord u = found.user();
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("loginName", u.loginName);
        account.put("displayName", u.displayName);
        account.put("email", u.email);
        account.put("language", u.language);
        account.put("status", u.status);
        account.put("mfaEnrolled", u.totpConfirmed);
        account.put("locked", u.lockedAt != null);
        account.put("createdAt", u.createdAt.toString());
        account.put("passwordChangedAt", u.passwordChangedAt == null ? "" : u.passwordChangedAt.toString());
        account.put("password", u.passwordHash == null ? "none set"
                : "set; stored as an Argon2id hash, which is not handed out");
        account.put("totpSecret", u.totpSecret == null ? "none"
                : (u.totpConfirmed ? "enrolled" : "enrolment not confirmed")
                        + "; the secret is stored encrypted and is not handed out");
        account.put("recoveryCodes", found.recoveryCodes() + " unused; stored as hashes, which are not handed out");
        account.put("networks", found.networks());
        if (u.erasedAt != null) {
            account.put("erasedAt", u.erasedAt.toString());
        }
        List<ExportedRecord> records = new ArrayList<>();
        records.add(new ExportedRecord(ACCOUNT, "user", u.id, account, "created by an administrator"));
        for (SessionRecord s : found.sessions()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("sessionId", s.sessionId);
            fields.put("channel", s.channel);
            fields.put("sourceAddress", s.sourceAddress == null ? "" : s.sourceAddress);
            fields.put("createdAt", s.createdAt.toString());
            fields.put("lastSeenAt", s.lastSeenAt.toString());
            records.add(new ExportedRecord(SESSIONS, "session", s.sessionId, fields, "sign-in"));
        }
        audit(actor, "identity.user.export", u, person, List.of(), records.size() + " records exported");
        return new PersonalDataExport(Accounts.MODULE, records);
    }

    @Override
    public int rectify(PersonId person, Map<String, String> corrections, Actor actor) {
        requireActor(actor);
        if (corrections == null || corrections.isEmpty()) {
            return 0;
        }
        List<Violation> found = new ArrayList<>();
        Map<String, String> checked = new LinkedHashMap<>();
        for (var e : corrections.entrySet()) {
            switch (e.getKey() == null ? "" : e.getKey()) {
                case "displayName" -> checked.put("displayName", UserFields.displayName(e.getValue(), found));
                case "email" -> checked.put("email", UserFields.email(e.getValue(), found));
                default -> found.add(new Violation(String.valueOf(e.getKey()),
                        "is not a field the identity module corrects (" + String.join(", ", RECTIFIABLE) + ")"));
            }
        }
        if (!found.isEmpty()) {
            throw new ValidationException(found);
        }
        UserRecord changed = accounts.write(em -> {
            UserRecord u = user(em, person);
            if (u == null) {
                return null;
            }
            if (u.erasedAt != null) {
                return null; // nothing personal is left to correct
            }
            checked.computeIfPresent("displayName", (k, v) -> u.displayName = v);
            checked.computeIfPresent("email", (k, v) -> u.email = v);
            u.updatedAt = accounts.now();
            return u;
        });
        if (changed == null) {
            return 0;
        }
        audit(actor, "identity.user.rectify", changed, person, List.copyOf(new TreeSet<>(checked.keySet())),
                "rectified on request (Art. 16)");
        return 1;
    }

    @Override
    public void restrict(PersonId person, boolean restricted, Actor actor) {
        requireActor(actor);
        UserRecord u = accounts.read(em -> user(em, person));
        if (u == null) {
            return;
        }
        PersonId lock = StaffPersons.of(u.id);
        boolean changed = accounts.write(em -> restricted ? Accounts.RESTRICTIONS.restrict(em, lock, accounts.now())
                : Accounts.RESTRICTIONS.lift(em, lock));
        if (changed) {
            audit(actor, restricted ? "identity.user.restrict" : "identity.user.unrestrict", u, person, List.of(),
                    restricted ? "processing restricted (Art. 18): administrators cannot change the account"
                            : "restriction lifted");
        }
    }

    @Override
    public boolean isRestricted(PersonId person) {
        return accounts.read(em -> {
            UserRecord u = user(em, person);
            return u != null && Accounts.RESTRICTIONS.isRestricted(em, StaffPersons.of(u.id));
        });
    }

    /** The pseudonym of an erased user: stable for the user id, and without any personal value. */
    static String pseudonym(String userId) {
        return PSEUDONYM_PREFIX + Accounts.sha256("staff:" + userId).substring(0, 12);
    }

    @Override
    public ErasureOutcome erase(PersonId person, Actor actor) {
        requireActor(actor);
        record Erased(UserRecord user, int sessions) {
        }
        Erased erased = accounts.write(em -> {
            UserRecord u = user(em, person);
            if (u == null) {
                return null;
            }
            String pseudonym = pseudonym(u.id);
            u.loginName = pseudonym;
            u.loginKey = pseudonym.toLowerCase(Locale.ROOT);
            u.displayName = pseudonym;
            u.email = pseudonym + "@invalid";
            u.language = "en";
            u.status = UserStatus.DISABLED.name();
            u.mustChangePassword = false;
            u.builtInAdministrator = false;
            u.passwordHash = null;
            u.passwordChangedAt = null;
            u.failedLogins = 0;
            u.lockedAt = null;
            SecondFactor.remove(em, u);
            if (u.erasedAt == null) {
                u.erasedAt = accounts.now();
            }
            u.updatedAt = accounts.now();
            int sessions = Sessions.end(em, u.id, null);
            Throttle.clear(em, u.id);
            em.createQuery("DELETE FROM PasswordHistoryRecord h WHERE h.userId = :user").setParameter("user", u.id)
                    .executeUpdate();
            AccessRules.removeUserRule(em, u.id);
            Accounts.RESTRICTIONS.lift(em, StaffPersons.of(u.id));
            return new Erased(u, sessions);
        });
        if (erased == null) {
            return ErasureOutcome.nothingHeld();
        }
        // the TOTP secret was encrypted under this key: copies in backups become unreadable
        keys.shred(StaffPersons.of(erased.user().id));
        audit(actor, "identity.user.erase", erased.user(), person, List.of(),
                "pseudonymised; " + erased.sessions() + " sessions ended; login disabled");
        return new ErasureOutcome(0, 1, List.of("the user record is kept as a pseudonym so that the audit trail "
                + "keeps pointing at a stable id"));
    }

    private static void requireActor(Actor actor) {
        if (actor == null) {
            throw new ValidationException("actor", "is required");
        }
    }
}
