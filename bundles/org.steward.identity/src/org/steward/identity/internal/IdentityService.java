package org.steward.identity.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.audit.Outcome;
import org.steward.core.AccessDeniedException;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.ConflictException;
import org.steward.core.DataDirectory;
import org.steward.core.NotFoundException;
import org.steward.core.PersonId;
import org.steward.core.StewardException;
import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;
import org.steward.core.Violation;
import org.steward.encryption.FieldEncryption;
import org.steward.encryption.PasswordHasher;
import org.steward.identity.AdministrationPolicy;
import org.steward.identity.Authenticator;
import org.steward.identity.IdentityStatus;
import org.steward.identity.LoginOutcome;
import org.steward.identity.LoginResult;
import org.steward.identity.MfaEnrolled;
import org.steward.identity.NewUser;
import org.steward.identity.RoleMembership;
import org.steward.identity.Totp;
import org.steward.identity.TotpEnrolment;
import org.steward.identity.User;
import org.steward.identity.UserCreated;
import org.steward.identity.UserDirectory;
import org.steward.identity.UserStatus;
import org.steward.persistence.PersistenceUnit;
import org.steward.persistence.StewardPersistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;

/**
 * Users, login, throttling, TOTP and sessions on the module's own persistence unit. See docs/IDENTITY.md for the
 * design. Secrets (passwords, tokens, TOTP secrets, recovery codes) are never logged nor audited.
 */
@Component(service = { UserDirectory.class, Authenticator.class }, immediate = true,
        configurationPid = IdentityConfiguration.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = IdentityConfiguration.class)
public final class IdentityService implements UserDirectory, Authenticator {

    static final String UNIT = "identity";
    static final int SCHEMA_VERSION = 1;
    static final String MODULE = "identity";
    static final String FIRST_ADMIN = "admin";
    static final String ADMIN_PASSWORD_FILE = "initial-admin-password";
    static final String ADMIN_ROLE = "administrator";
    static final int RECOVERY_CODES = 10;
    private static final String LOCAL = "local";
    private static final String OTP_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final Pattern LOGIN = Pattern.compile("[\\p{L}\\p{N}._@-]{2,64}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,3}");
    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");

    private final Logger logger;
    private final AuditLog audit;
    private final PasswordHasher hasher;
    private final FieldEncryption encryption;
    private final DataDirectory dataDirectory;
    private final IdentityConfiguration config;
    private final PasswordPolicy policy;
    private final EntityManagerFactory factory;
    private final String databaseUrl;
    private final SecureRandom random = new SecureRandom();
    /** A hash verified for unknown login names, so that their answer takes as long as a wrong password. */
    private final String dummyHash;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Clock clock;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RoleMembership roles;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AdministrationPolicy administrationPolicy;

    @Activate
    public IdentityService(@Reference(service = LoggerFactory.class) Logger logger,
            @Reference StewardPersistence persistence, @Reference DataDirectory dataDirectory,
            @Reference AuditLog audit, @Reference PasswordHasher hasher, @Reference FieldEncryption encryption,
            BundleContext context, IdentityConfiguration config) {
        this.logger = logger;
        this.audit = audit;
        this.hasher = hasher;
        this.encryption = encryption;
        this.dataDirectory = dataDirectory;
        this.config = config;
        this.policy = new PasswordPolicy(config);
        this.dummyHash = hasher.hash(randomPassword(24).toCharArray());
        try {
            this.factory = persistence.open(context.getBundle(), PersistenceUnit.of(UNIT, SCHEMA_VERSION));
            this.databaseUrl = persistence.info().url();
        } catch (RuntimeException e) {
            logger.error("The identity module cannot start: {}", e.toString(), e);
            throw e;
        }
        try {
            if (config.createFirstAdministrator()) {
                createFirstAdministrator();
            }
        } catch (RuntimeException e) {
            logger.error("The first administrator could not be created: {}", e.toString(), e);
            factory.close();
            throw e;
        }
        logger.info("Identity module ready");
    }

    @Deactivate
    void deactivate() {
        factory.close();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Instant now() {
        Clock c = clock;
        return (c == null ? Clock.systemUTC() : c).instant();
    }

    private <T> T tx(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } catch (StewardException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UnavailableException("The identity database could not be used: " + e.getMessage(), e);
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    private <T> T read(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            return work.apply(em);
        } finally {
            em.close();
        }
    }

    private void audit(Actor actor, String action, String userId, Outcome outcome, String details) {
        audit.append(AuditEvent.builder(actor, action).target(MODULE, "user", userId == null ? "" : userId)
                .outcome(outcome).details(details).build());
    }

    private static String source(String address) {
        if (address == null || address.isBlank()) {
            return LOCAL;
        }
        String text = address.strip();
        var literal = Networks.literal(text);
        text = literal == null ? text : literal.getHostAddress();
        return text.length() > 64 ? text.substring(0, 64) : text;
    }

    /** The actor of a login attempt: the user when known; an unknown typed name is not recorded (it may be a password). */
    private static Actor attemptActor(UserRecord user, Channel channel, String source) {
        Optional<String> from = LOCAL.equals(source) ? Optional.empty() : Optional.of(source);
        return user == null ? new Actor("anonymous", "unknown", channel, from, Optional.empty())
                : new Actor(user.id, user.loginName, channel, from, Optional.empty());
    }

    private static Actor sessionActor(UserRecord user, SessionRecord session, Channel channel, String source) {
        Optional<String> from = LOCAL.equals(source) ? Optional.empty() : Optional.of(source);
        return new Actor(user.id, user.loginName, channel, from, Optional.of(session.sessionId),
                Optional.of(session.authenticatedAt));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomPassword(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(OTP_ALPHABET.charAt(random.nextInt(OTP_ALPHABET.length())));
        }
        return out.toString();
    }

    /**
     * A one-time password of four groups of five random characters joined by '-' (about 115 bits), so that it also
     * meets every composition rule an administrator may switch on.
     */
    private String oneTimePassword(UserRecord user) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            String candidate = String.join("-", randomPassword(5), randomPassword(5), randomPassword(5),
                    randomPassword(5));
            if (policy.check(candidate, false, user.loginName, user.email).isEmpty()) {
                return candidate;
            }
        }
        throw new UnavailableException("No one-time password satisfies the password settings; check the minimum "
                + "and maximum length in the configuration " + IdentityConfiguration.PID);
    }

    private UserRecord byLogin(EntityManager em, String loginName) {
        if (loginName == null || loginName.isBlank()) {
            return null;
        }
        List<UserRecord> found = em.createQuery("SELECT u FROM UserRecord u WHERE u.loginKey = :key", UserRecord.class)
                .setParameter("key", PasswordPolicy.normalise(loginName.strip()).toLowerCase(Locale.ROOT))
                .getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    private static UserRecord required(EntityManager em, String userId) {
        UserRecord user = userId == null ? null : em.find(UserRecord.class, userId);
        if (user == null) {
            throw new NotFoundException("User", userId);
        }
        return user;
    }

    private static User toUser(UserRecord r) {
        return new User(r.id, r.loginName, r.displayName, r.email, r.language, UserStatus.valueOf(r.status),
                r.mustChangePassword, r.totpConfirmed, r.lockedAt != null, r.createdAt, r.updatedAt);
    }

    private Set<String> rolesOf(String userId) {
        RoleMembership membership = roles;
        if (membership == null) {
            return Set.of();
        }
        try {
            Set<String> result = membership.rolesOf(userId);
            return result == null ? Set.of() : result;
        } catch (RuntimeException e) {
            logger.warn("The role membership service failed for user {}: {}", userId, e.toString());
            return Set.of();
        }
    }

    // -------------------------------------------------------------------------------------------- first start

    private void createFirstAdministrator() {
        long users = read(em -> em.createQuery("SELECT COUNT(u) FROM UserRecord u", Long.class).getSingleResult());
        if (users > 0) {
            return;
        }
        Instant now = now();
        UserRecord admin = newRecord(new NewUser(FIRST_ADMIN, "Administrator", "admin@localhost", "en"), now);
        admin.builtInAdministrator = true;
        String password = oneTimePassword(admin);
        admin.passwordHash = hasher.hash(password.toCharArray());
        admin.passwordChangedAt = now;
        try {
            tx(em -> {
                em.persist(admin);
                return null;
            });
        } catch (RuntimeException e) {
            if (read(em -> byLogin(em, FIRST_ADMIN)) != null) {
                return; // another server on the same database created it at the same moment
            }
            throw e;
        }
        Path file = writeOwnerOnly(password);
        audit(Actor.system(), "identity.user.create", admin.id, Outcome.SUCCESS,
                "first administrator; one-time password written to the run folder");
        logger.info("Created the first administrator '{}'; its one-time password is in {} (readable by the owner only, "
                + "to be changed at the first login)", FIRST_ADMIN, file);
    }

    private Path writeOwnerOnly(String password) {
        Path file = dataDirectory.area("run").resolve(ADMIN_PASSWORD_FILE);
        try {
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
                var f = file.toFile();
                f.setReadable(false, false);
                f.setWritable(false, false);
                f.setReadable(true, true);
                f.setWritable(true, true);
            }
            Files.writeString(file, password + System.lineSeparator(), StandardCharsets.UTF_8);
            return file;
        } catch (FileAlreadyExistsException e) {
            throw new UnavailableException("Cannot replace " + file + "; remove it and restart", e);
        } catch (IOException e) {
            throw new UnavailableException("Cannot write the first administrator's password to " + file + ": "
                    + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------------------------- users

    private UserRecord newRecord(NewUser user, Instant now) {
        List<Violation> found = new ArrayList<>();
        if (user == null) {
            throw new ValidationException("user", "is required");
        }
        String login = user.loginName() == null ? "" : PasswordPolicy.normalise(user.loginName().strip());
        if (!LOGIN.matcher(login).matches()) {
            found.add(new Violation("loginName", "must be 2 to 64 letters, digits, '.', '_', '-' or '@'"));
        }
        String display = user.displayName() == null ? "" : user.displayName().strip();
        if (display.isEmpty() || display.length() > 200 || display.codePoints().anyMatch(Character::isISOControl)) {
            found.add(new Violation("displayName", "must be 1 to 200 characters without control characters"));
        }
        String email = user.email() == null ? "" : user.email().strip();
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            found.add(new Violation("email", "is not an e-mail address"));
        }
        String language = user.language() == null || user.language().isBlank() ? "en" : user.language().strip();
        if (!LANGUAGE.matcher(language).matches()) {
            found.add(new Violation("language", "is not a language tag such as en or pl"));
        }
        if (!found.isEmpty()) {
            throw new ValidationException(found);
        }
        UserRecord r = new UserRecord();
        r.id = UUID.randomUUID().toString();
        r.loginName = login;
        r.loginKey = login.toLowerCase(Locale.ROOT);
        r.displayName = display;
        r.email = email;
        r.language = language;
        r.status = UserStatus.ACTIVE.name();
        r.mustChangePassword = true;
        r.createdAt = now;
        r.updatedAt = now;
        return r;
    }

    /**
     * Administration is decided by the installed {@link AdministrationPolicy} (the permissions module); without one,
     * it is allowed to the console, the system, the first administrator and holders of 'administrator'.
     */
    private void requireAdministrator(Actor by, String action, String userId) {
        if (by == null) {
            throw new ValidationException("actor", "is required");
        }
        AdministrationPolicy policy = administrationPolicy;
        if (policy != null) {
            if (policy.mayAdministerUsers(by)) {
                return;
            }
            audit(by, action, userId, Outcome.DENIED, "no ADMINISTER permission on identity");
            throw new AccessDeniedException(action, "the ADMINISTER permission on identity is required");
        }
        if (by.isSystem() || by.channel() == Channel.CONSOLE) {
            return;
        }
        boolean builtIn = Boolean.TRUE.equals(read(em -> {
            UserRecord r = em.find(UserRecord.class, by.userId());
            return r != null && r.builtInAdministrator && UserStatus.ACTIVE.name().equals(r.status);
        }));
        if (builtIn || rolesOf(by.userId()).stream().anyMatch(r -> r.equalsIgnoreCase(ADMIN_ROLE))) {
            return;
        }
        audit(by, action, userId, Outcome.DENIED, "not an administrator");
        throw new AccessDeniedException(action, "only administrators may manage users");
    }

    @Override
    public UserCreated create(Actor by, NewUser user) {
        requireAdministrator(by, "identity.user.create", "");
        Instant now = now();
        UserRecord r = newRecord(user, now);
        String password = oneTimePassword(r);
        r.passwordHash = hasher.hash(password.toCharArray());
        r.passwordChangedAt = now;
        tx(em -> {
            if (byLogin(em, r.loginName) != null) {
                throw new ConflictException("The login name " + r.loginName + " is taken");
            }
            em.persist(r);
            rememberPassword(em, r, now);
            return null;
        });
        audit(by, "identity.user.create", r.id, Outcome.SUCCESS, "one-time password issued");
        return new UserCreated(toUser(r), password);
    }

    @Override
    public Optional<User> find(String loginName) {
        return Optional.ofNullable(read(em -> byLogin(em, loginName))).map(IdentityService::toUser);
    }

    @Override
    public User get(String userId) {
        return read(em -> toUser(required(em, userId)));
    }

    @Override
    public List<User> list() {
        return read(em -> em.createQuery("SELECT u FROM UserRecord u ORDER BY u.loginKey", UserRecord.class)
                .getResultList().stream().map(IdentityService::toUser).toList());
    }

    @Override
    public User disable(Actor by, String userId) {
        requireAdministrator(by, "identity.user.disable", userId);
        User user = tx(em -> {
            UserRecord r = required(em, userId);
            r.status = UserStatus.DISABLED.name();
            r.updatedAt = now();
            deleteSessions(em, userId, null);
            return toUser(r);
        });
        audit(by, "identity.user.disable", userId, Outcome.SUCCESS, "sessions ended");
        return user;
    }

    @Override
    public User enable(Actor by, String userId) {
        requireAdministrator(by, "identity.user.enable", userId);
        User user = tx(em -> {
            UserRecord r = required(em, userId);
            r.status = UserStatus.ACTIVE.name();
            r.updatedAt = now();
            return toUser(r);
        });
        audit(by, "identity.user.enable", userId, Outcome.SUCCESS, "");
        return user;
    }

    @Override
    public void unlock(Actor by, String userId) {
        requireAdministrator(by, "identity.user.unlock", userId);
        int cleared = tx(em -> {
            UserRecord r = required(em, userId);
            r.failedLogins = 0;
            r.lockedAt = null;
            r.updatedAt = now();
            return em.createQuery("DELETE FROM ThrottleRecord t WHERE t.userId = :user").setParameter("user", userId)
                    .executeUpdate();
        });
        audit(by, "identity.user.unlock", userId, Outcome.SUCCESS, cleared + " address locks lifted");
    }

    @Override
    public UserCreated resetPassword(Actor by, String userId) {
        requireAdministrator(by, "identity.password.reset", userId);
        Instant now = now();
        UserRecord snapshot = read(em -> required(em, userId));
        String password = oneTimePassword(snapshot);
        String hash = hasher.hash(password.toCharArray());
        User user = tx(em -> {
            UserRecord r = required(em, userId);
            r.passwordHash = hash;
            r.passwordChangedAt = now;
            r.mustChangePassword = true;
            r.updatedAt = now;
            rememberPassword(em, r, now);
            deleteSessions(em, userId, null);
            return toUser(r);
        });
        audit(by, "identity.password.reset", userId, Outcome.SUCCESS,
                "one-time password issued; change forced at next login; sessions ended");
        return new UserCreated(user, password);
    }

    @Override
    public void resetMfa(Actor by, String userId) {
        requireAdministrator(by, "identity.mfa.reset", userId);
        tx(em -> {
            UserRecord r = required(em, userId);
            r.totpSecret = null;
            r.totpAlgorithm = null;
            r.totpConfirmed = false;
            r.totpLastStep = 0;
            r.updatedAt = now();
            em.createQuery("DELETE FROM RecoveryCodeRecord c WHERE c.userId = :user").setParameter("user", userId)
                    .executeUpdate();
            deleteSessions(em, userId, null);
            return null;
        });
        audit(by, "identity.mfa.reset", userId, Outcome.SUCCESS, "authenticator and recovery codes removed");
    }

    @Override
    public int endSessions(Actor by, String userId) {
        requireAdministrator(by, "identity.session.end-all", userId);
        int ended = tx(em -> {
            required(em, userId);
            return deleteSessions(em, userId, null);
        });
        audit(by, "identity.session.end-all", userId, Outcome.SUCCESS, ended + " sessions ended");
        return ended;
    }

    private static int deleteSessions(EntityManager em, String userId, String exceptTokenHash) {
        return em.createQuery("DELETE FROM SessionRecord s WHERE s.userId = :user AND s.tokenHash <> :keep")
                .setParameter("user", userId).setParameter("keep", exceptTokenHash == null ? "" : exceptTokenHash)
                .executeUpdate();
    }

    @Override
    public List<Violation> checkPassword(String userId, String password) {
        UserRecord r = read(em -> required(em, userId));
        return passwordViolations(r, password);
    }

    private List<Violation> passwordViolations(UserRecord r, String password) {
        List<Violation> found = new ArrayList<>(policy.check(password, r.totpConfirmed, r.loginName, r.email));
        if (found.isEmpty() && config.passwordHistory() > 0) {
            List<String> previous = new ArrayList<>(read(em -> em.createQuery(
                    "SELECT h.passwordHash FROM PasswordHistoryRecord h WHERE h.userId = :user", String.class)
                    .setParameter("user", r.id).getResultList()));
            if (r.passwordHash != null) {
                previous.add(r.passwordHash);
            }
            String pw = PasswordPolicy.normalise(password);
            for (String hash : previous) {
                if (hasher.verify(pw.toCharArray(), hash)) {
                    found.add(new Violation(PasswordPolicy.FIELD,
                            "was used recently; the last " + config.passwordHistory() + " passwords may not be reused"));
                    break;
                }
            }
        }
        return found;
    }

    /** Keeps the hash of the password just set, when the history option is on, and trims the history. */
    private void rememberPassword(EntityManager em, UserRecord r, Instant now) {
        int keep = config.passwordHistory();
        if (keep <= 0) {
            return;
        }
        PasswordHistoryRecord h = new PasswordHistoryRecord();
        h.id = UUID.randomUUID().toString();
        h.userId = r.id;
        h.passwordHash = r.passwordHash;
        h.createdAt = now;
        em.persist(h);
        em.flush();
        List<PasswordHistoryRecord> all = em.createQuery(
                "SELECT h FROM PasswordHistoryRecord h WHERE h.userId = :user ORDER BY h.createdAt DESC",
                PasswordHistoryRecord.class).setParameter("user", r.id).getResultList();
        all.stream().skip(keep).forEach(em::remove);
    }

    // ------------------------------------------------------------------------------------------- access rules

    @Override
    public void setUserNetworks(Actor by, String userId, List<String> networks) {
        requireAdministrator(by, "identity.rule.networks", userId);
        read(em -> required(em, userId));
        saveNetworks("user:" + userId, networks);
        audit(by, "identity.rule.networks", userId, Outcome.SUCCESS, "user allow-list: " + networks.size()
                + " networks");
    }

    @Override
    public void setRoleNetworks(Actor by, String role, List<String> networks) {
        requireAdministrator(by, "identity.rule.networks", "");
        saveNetworks(roleKey(role), networks);
        audit.append(AuditEvent.builder(by, "identity.rule.networks").target(MODULE, "role", roleName(role))
                .details("role allow-list: " + networks.size() + " networks").build());
    }

    private static String roleName(String role) {
        if (role == null || role.isBlank() || role.length() > 200) {
            throw new ValidationException("role", "is required (at most 200 characters)");
        }
        return role.strip();
    }

    private static String roleKey(String role) {
        return "role:" + roleName(role).toLowerCase(Locale.ROOT);
    }

    private void saveNetworks(String subject, List<String> networks) {
        List<String> canonical = new ArrayList<>();
        for (int i = 0; i < (networks == null ? 0 : networks.size()); i++) {
            canonical.add(Networks.canonical("networks[" + i + "]", networks.get(i)));
        }
        String joined = String.join(",", canonical);
        if (joined.length() > 4000) {
            throw new ValidationException("networks", "are too many (at most 4000 characters in all)");
        }
        tx(em -> {
            AccessRuleRecord rule = em.find(AccessRuleRecord.class, subject);
            if (rule == null) {
                rule = new AccessRuleRecord();
                rule.subject = subject;
                em.persist(rule);
            }
            rule.networks = joined.isEmpty() ? null : joined;
            return null;
        });
    }

    private List<String> networksOf(String subject) {
        AccessRuleRecord rule = read(em -> em.find(AccessRuleRecord.class, subject));
        return rule == null || rule.networks == null ? List.of() : List.of(rule.networks.split(","));
    }

    @Override
    public List<String> userNetworks(String userId) {
        return networksOf("user:" + userId);
    }

    @Override
    public List<String> roleNetworks(String role) {
        return networksOf(roleKey(role));
    }

    @Override
    public void setMfaRequired(Actor by, String role, boolean required) {
        requireAdministrator(by, "identity.rule.mfa", "");
        String key = roleKey(role);
        tx(em -> {
            AccessRuleRecord rule = em.find(AccessRuleRecord.class, key);
            if (rule == null) {
                rule = new AccessRuleRecord();
                rule.subject = key;
                em.persist(rule);
            }
            rule.mfaRequired = required;
            return null;
        });
        audit.append(AuditEvent.builder(by, "identity.rule.mfa").target(MODULE, "role", roleName(role))
                .details(required ? "MFA required" : "MFA not required").build());
    }

    @Override
    public Set<String> mfaRequiredRoles() {
        return read(em -> new TreeSet<>(em.createQuery(
                "SELECT r.subject FROM AccessRuleRecord r WHERE r.mfaRequired = TRUE", String.class).getResultList()
                .stream().filter(s -> s.startsWith("role:")).map(s -> s.substring(5)).toList()));
    }

    private boolean mfaRequired(UserRecord user) {
        Set<String> required = mfaRequiredRoles();
        return !required.isEmpty()
                && rolesOf(user.id).stream().anyMatch(r -> required.contains(r.toLowerCase(Locale.ROOT)));
    }

    /** Whether the user may act from the address: allowed when neither the user nor any role has networks. */
    private boolean addressAllowed(UserRecord user, String source) {
        List<String> networks = new ArrayList<>(userNetworks(user.id));
        for (String role : rolesOf(user.id)) {
            networks.addAll(networksOf("role:" + role.toLowerCase(Locale.ROOT)));
        }
        return networks.isEmpty() || Networks.matches(networks, source);
    }

    @Override
    public IdentityStatus status() {
        long users = read(em -> em.createQuery("SELECT COUNT(u) FROM UserRecord u", Long.class).getSingleResult());
        long sessions = read(em -> em.createQuery("SELECT COUNT(s) FROM SessionRecord s", Long.class)
                .getSingleResult());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("minLength", policy.minLength(false));
        settings.put("minLengthWithMfa", policy.minLength(true));
        settings.put("maxLength", policy.maxLength());
        settings.put("passwordExpiryDays", config.passwordExpiryDays());
        settings.put("passwordHistory", config.passwordHistory());
        settings.put("requireUppercase", config.requireUppercase());
        settings.put("requireLowercase", config.requireLowercase());
        settings.put("requireDigit", config.requireDigit());
        settings.put("requireSymbol", config.requireSymbol());
        settings.put("failuresBeforeLock", config.failuresBeforeLock());
        settings.put("lockMinutes", config.lockMinutes());
        settings.put("accountFailureLimit", config.accountFailureLimit());
        settings.put("backoffSeconds", config.backoffSeconds());
        settings.put("maxBackoffSeconds", config.maxBackoffSeconds());
        settings.put("failureMemoryHours", config.failureMemoryHours());
        settings.put("idleTimeoutMinutes", config.idleTimeoutMinutes());
        settings.put("absoluteTimeoutHours", config.absoluteTimeoutHours());
        settings.put("restrictedTimeoutMinutes", config.restrictedTimeoutMinutes());
        settings.put("totpAlgorithm", totpAlgorithm().name());
        settings.put("totpSkewSteps", skew());
        return new IdentityStatus(databaseUrl, users, sessions, settings);
    }

    // ------------------------------------------------------------------------------------------- throttling

    /** How long the source or the account at the source must still wait; empty when it may try now. */
    private Optional<Duration> throttled(UserRecord user, String source, Instant now) {
        return read(em -> {
            Instant until = null;
            for (String key : user == null ? List.of(sourceKey(source))
                    : List.of(sourceKey(source), accountKey(user.id, source))) {
                ThrottleRecord t = em.find(ThrottleRecord.class, key);
                if (t != null && t.blockedUntil != null && t.blockedUntil.isAfter(now)
                        && (until == null || t.blockedUntil.isAfter(until))) {
                    until = t.blockedUntil;
                }
            }
            return until == null ? Optional.<Duration>empty() : Optional.of(Duration.between(now, until));
        });
    }

    private static String sourceKey(String source) {
        return "source:" + source;
    }

    private static String accountKey(String userId, String source) {
        return "account:" + userId + "@" + source;
    }

    /** Counts a failure for the source, the account at the source, and the account. Returns what was locked. */
    private String recordFailure(String userId, String source, Instant now) {
        return tx(em -> {
            Duration memory = Duration.ofHours(config.failureMemoryHours());
            ThrottleRecord src = counter(em, sourceKey(source), null, now, memory);
            src.failures++;
            long wait = Math.min((long) config.maxBackoffSeconds(),
                    (long) config.backoffSeconds() << Math.min(30, src.failures - 1));
            src.blockedUntil = wait > 0 ? now.plusSeconds(wait) : null;
            if (userId == null) {
                return "";
            }
            String locked = "";
            ThrottleRecord account = counter(em, accountKey(userId, source), userId, now, memory);
            account.failures++;
            if (account.failures >= config.failuresBeforeLock()) {
                account.blockedUntil = now.plus(Duration.ofMinutes(config.lockMinutes()));
                account.failures = 0;
                locked = "address locked out of the account for " + config.lockMinutes() + " min";
            }
            UserRecord user = em.find(UserRecord.class, userId, LockModeType.PESSIMISTIC_WRITE);
            if (user != null) {
                user.failedLogins++;
                if (user.failedLogins >= config.accountFailureLimit() && user.lockedAt == null) {
                    user.lockedAt = now;
                    locked = "account locked for every address after " + user.failedLogins
                            + " consecutive failures";
                }
            }
            return locked;
        });
    }

    private static ThrottleRecord counter(EntityManager em, String key, String userId, Instant now, Duration memory) {
        ThrottleRecord t = em.find(ThrottleRecord.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (t == null) {
            t = new ThrottleRecord();
            t.key = key;
            t.userId = userId;
            t.lastFailureAt = now;
            em.persist(t);
        } else if (t.lastFailureAt.plus(memory).isBefore(now)) {
            t.failures = 0;
        }
        t.lastFailureAt = now;
        return t;
    }

    private void recordSuccess(EntityManager em, UserRecord user, String source) {
        user.failedLogins = 0;
        for (String key : List.of(sourceKey(source), accountKey(user.id, source))) {
            ThrottleRecord t = em.find(ThrottleRecord.class, key);
            if (t != null) {
                em.remove(t);
            }
        }
    }

    private LoginResult denied() {
        return new LoginResult(LoginOutcome.DENIED, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private LoginResult throttledResult(Optional<Duration> wait) {
        return new LoginResult(LoginOutcome.THROTTLED, Optional.empty(), Optional.empty(), wait);
    }

    // ------------------------------------------------------------------------------------------------- login

    @Override
    public LoginResult login(String loginName, String password, Channel channel, String sourceAddress) {
        Channel via = channel == null ? Channel.CLIENT : channel;
        String source = source(sourceAddress);
        Instant now = now();
        UserRecord user = read(em -> byLogin(em, loginName));
        Actor actor = attemptActor(user, via, source);
        String userId = user == null ? "" : user.id;

        Optional<Duration> wait = throttled(user, source, now);
        if (wait.isPresent()) {
            audit(actor, "identity.login", userId, Outcome.DENIED, "throttled: wait " + wait.get().toSeconds() + " s");
            return throttledResult(wait);
        }
        if (user != null && user.lockedAt != null) {
            audit(actor, "identity.login", userId, Outcome.DENIED, "account locked after too many failures");
            return throttledResult(Optional.empty());
        }
        if (user != null && !addressAllowed(user, source)) {
            hasher.verify(new char[] { 'x' }, dummyHash);
            recordFailure(null, source, now);
            audit(actor, "identity.login", userId, Outcome.DENIED, "address not allowed by the IP rules");
            return denied();
        }
        String normalised = PasswordPolicy.normalise(password);
        boolean right;
        if (user != null && user.passwordHash != null) {
            right = hasher.verify(normalised.toCharArray(), user.passwordHash);
        } else {
            hasher.verify(normalised.toCharArray(), dummyHash); // same time as a wrong password
            right = false;
        }
        if (!right) {
            String locked = recordFailure(user == null ? null : user.id, source, now);
            audit(actor, "identity.login", userId, Outcome.DENIED,
                    (user == null ? "unknown login name" : "wrong password") + (locked.isEmpty() ? "" : "; " + locked));
            return denied();
        }
        if (!UserStatus.ACTIVE.name().equals(user.status)) {
            audit(actor, "identity.login", userId, Outcome.DENIED, "account disabled");
            return denied();
        }
        String rehash = hasher.needsRehash(user.passwordHash) ? hasher.hash(normalised.toCharArray()) : null;
        LoginResult result = tx(em -> {
            UserRecord r = required(em, user.id);
            recordSuccess(em, r, source);
            if (rehash != null) {
                r.passwordHash = rehash;
            }
            return newSession(em, r, nextState(r, now, false), via, source, now);
        });
        audit(actor, "identity.login", userId, Outcome.SUCCESS, "password accepted; next: " + result.outcome()
                + (rehash == null ? "" : "; hash upgraded"));
        return result;
    }

    private LoginOutcome nextState(UserRecord user, Instant now, boolean secondFactorDone) {
        if (user.totpConfirmed && !secondFactorDone) {
            return LoginOutcome.SECOND_FACTOR_REQUIRED;
        }
        boolean expired = config.passwordExpiryDays() > 0 && user.passwordChangedAt != null
                && !user.passwordChangedAt.plus(Duration.ofDays(config.passwordExpiryDays())).isAfter(now);
        if (user.mustChangePassword || expired) {
            return LoginOutcome.PASSWORD_CHANGE_REQUIRED;
        }
        if (!user.totpConfirmed && mfaRequired(user)) {
            return LoginOutcome.MFA_ENROLMENT_REQUIRED;
        }
        return LoginOutcome.AUTHENTICATED;
    }

    private LoginResult newSession(EntityManager em, UserRecord user, LoginOutcome state, Channel channel,
            String source, Instant authenticatedAt) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        SessionRecord s = new SessionRecord();
        s.tokenHash = sha256(token);
        s.sessionId = UUID.randomUUID().toString();
        s.userId = user.id;
        s.state = state.name();
        s.channel = channel.name();
        s.sourceAddress = source;
        Instant now = now();
        s.createdAt = now;
        s.lastSeenAt = now;
        s.authenticatedAt = authenticatedAt;
        em.persist(s);
        return new LoginResult(state, Optional.of(token), Optional.of(user.id), Optional.empty());
    }

    /** The session of a token, if valid now; expired sessions are deleted. */
    private SessionRecord session(String token, Instant now) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return null;
        }
        String hash = sha256(token);
        SessionRecord s = read(em -> em.find(SessionRecord.class, hash));
        if (s == null) {
            return null;
        }
        boolean full = LoginOutcome.AUTHENTICATED.name().equals(s.state);
        boolean expired = full
                ? !s.lastSeenAt.plus(Duration.ofMinutes(config.idleTimeoutMinutes())).isAfter(now)
                        || !s.createdAt.plus(Duration.ofHours(config.absoluteTimeoutHours())).isAfter(now)
                : !s.createdAt.plus(Duration.ofMinutes(config.restrictedTimeoutMinutes())).isAfter(now);
        if (expired) {
            tx(em -> {
                SessionRecord gone = em.find(SessionRecord.class, hash);
                if (gone != null) {
                    em.remove(gone);
                }
                return null;
            });
            return null;
        }
        return s;
    }

    private SessionRecord requireSession(String token, Instant now, String operation, LoginOutcome... states) {
        SessionRecord s = session(token, now);
        if (s == null || Arrays.stream(states).noneMatch(st -> st.name().equals(s.state))) {
            throw new AccessDeniedException(operation, "the session is not valid (unknown, ended, expired or "
                    + "restricted)");
        }
        return s;
    }

    @Override
    public LoginResult verifySecondFactor(String token, String code, String sourceAddress) {
        String source = source(sourceAddress);
        Instant now = now();
        SessionRecord s = session(token, now);
        if (s == null || !LoginOutcome.SECOND_FACTOR_REQUIRED.name().equals(s.state)) {
            return denied();
        }
        UserRecord user = read(em -> required(em, s.userId));
        Channel via = Channel.valueOf(s.channel);
        Actor actor = attemptActor(user, via, source);
        Optional<Duration> wait = throttled(user, source, now);
        if (wait.isPresent() || user.lockedAt != null) {
            audit(actor, "identity.mfa.verify", user.id, Outcome.DENIED, "throttled");
            return throttledResult(wait);
        }
        String clean = code == null ? "" : code.strip().replace(" ", "");
        String how;
        boolean ok;
        if (SIX_DIGITS.matcher(clean).matches()) {
            how = "TOTP code";
            ok = acceptTotp(user.id, clean, now);
        } else {
            how = "recovery code";
            ok = useRecoveryCode(user.id, clean);
        }
        if (!ok) {
            String locked = recordFailure(user.id, source, now);
            audit(actor, "identity.mfa.verify", user.id, Outcome.DENIED, "wrong " + how
                    + (locked.isEmpty() ? "" : "; " + locked));
            return denied();
        }
        LoginResult result = tx(em -> {
            UserRecord r = required(em, user.id);
            recordSuccess(em, r, source);
            SessionRecord old = em.find(SessionRecord.class, s.tokenHash);
            if (old != null) {
                em.remove(old);
            }
            return newSession(em, r, nextState(r, now, true), via, source, now);
        });
        audit(actor, "identity.mfa.verify", user.id, Outcome.SUCCESS, how + " accepted; next: " + result.outcome());
        return result;
    }

    @Override
    public LoginResult changePassword(String token, String currentPassword, String newPassword, String sourceAddress) {
        String source = source(sourceAddress);
        Instant now = now();
        SessionRecord s = requireSession(token, now, "identity.password.change", LoginOutcome.AUTHENTICATED,
                LoginOutcome.PASSWORD_CHANGE_REQUIRED);
        UserRecord user = read(em -> required(em, s.userId));
        Channel via = Channel.valueOf(s.channel);
        Actor actor = sessionActor(user, s, via, source);
        if (throttled(user, source, now).isPresent()) {
            audit(actor, "identity.password.change", user.id, Outcome.DENIED, "throttled");
            throw new AccessDeniedException("identity.password.change", "too many failures; try again later");
        }
        if (!hasher.verify(PasswordPolicy.normalise(currentPassword).toCharArray(), user.passwordHash)) {
            recordFailure(user.id, source, now);
            audit(actor, "identity.password.change", user.id, Outcome.DENIED, "wrong current password");
            throw new ValidationException("currentPassword", "is not the current password");
        }
        List<Violation> violations = new ArrayList<>(passwordViolations(user, newPassword));
        if (violations.isEmpty() && hasher.verify(PasswordPolicy.normalise(newPassword).toCharArray(),
                user.passwordHash)) {
            violations.add(new Violation(PasswordPolicy.FIELD, "must differ from the current password"));
        }
        if (!violations.isEmpty()) {
            audit(actor, "identity.password.change", user.id, Outcome.FAILED, "refused by the policy: "
                    + violations.stream().map(Violation::reason).toList());
            throw new ValidationException(violations);
        }
        String hash = hasher.hash(PasswordPolicy.normalise(newPassword).toCharArray());
        LoginResult result = tx(em -> {
            UserRecord r = required(em, user.id);
            r.passwordHash = hash;
            r.passwordChangedAt = now;
            r.mustChangePassword = false;
            r.updatedAt = now;
            recordSuccess(em, r, source);
            rememberPassword(em, r, now);
            deleteSessions(em, r.id, null);
            return newSession(em, r, nextState(r, now, true), via, source, now);
        });
        if (user.builtInAdministrator) {
            try {
                Files.deleteIfExists(dataDirectory.area("run").resolve(ADMIN_PASSWORD_FILE));
            } catch (IOException | RuntimeException e) {
                logger.warn("Could not remove the first administrator's password file: {}", e.toString());
            }
        }
        audit(actor, "identity.password.change", user.id, Outcome.SUCCESS, "other sessions ended; next: "
                + result.outcome());
        return result;
    }

    // -------------------------------------------------------------------------------------------------- TOTP

    private Totp.Algorithm totpAlgorithm() {
        try {
            return Totp.Algorithm.valueOf(config.totpAlgorithm().strip().toUpperCase(Locale.ROOT).replace("-", ""));
        } catch (IllegalArgumentException e) {
            return Totp.Algorithm.SHA1;
        }
    }

    private int skew() {
        return Math.max(0, Math.min(2, config.totpSkewSteps()));
    }

    private static PersonId personOf(String userId) {
        return new PersonId(UUID.fromString(userId));
    }

    /** Checks a TOTP code within the skew, newer than the last accepted step, and remembers its step. */
    private boolean acceptTotp(String userId, String code, Instant now) {
        return tx(em -> {
            UserRecord r = em.find(UserRecord.class, userId, LockModeType.PESSIMISTIC_WRITE);
            if (r == null || r.totpSecret == null) {
                return false;
            }
            byte[] secret = Totp.fromBase32(encryption.decrypt(personOf(userId), userId, "totpSecret", r.totpSecret)
                    .plain().orElse(""));
            try {
                if (secret.length == 0) {
                    return false;
                }
                Totp.Algorithm algorithm = r.totpAlgorithm == null ? Totp.Algorithm.SHA1
                        : Totp.Algorithm.valueOf(r.totpAlgorithm);
                long current = Totp.step(now);
                for (long step = current - skew(); step <= current + skew(); step++) {
                    if (step > r.totpLastStep && Totp.same(code, Totp.code(secret, step, algorithm, 6))) {
                        r.totpLastStep = step;
                        return true;
                    }
                }
                return false;
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        });
    }

    private boolean useRecoveryCode(String userId, String code) {
        String normalised = code.toUpperCase(Locale.ROOT).replaceAll("[^A-Z2-7]", "");
        if (normalised.length() != 16) {
            return false;
        }
        return tx(em -> {
            RecoveryCodeRecord r = em.find(RecoveryCodeRecord.class, sha256(userId + ":" + normalised),
                    LockModeType.PESSIMISTIC_WRITE);
            if (r == null || !r.userId.equals(userId)) {
                return false;
            }
            em.remove(r);
            return true;
        });
    }

    @Override
    public TotpEnrolment beginTotpEnrolment(String token, String sourceAddress) {
        String source = source(sourceAddress);
        Instant now = now();
        SessionRecord s = requireSession(token, now, "identity.mfa.enrol", LoginOutcome.AUTHENTICATED,
                LoginOutcome.MFA_ENROLMENT_REQUIRED);
        UserRecord user = read(em -> required(em, s.userId));
        if (user.totpConfirmed) {
            throw new ConflictException("An authenticator is already enrolled; an administrator can reset it "
                    + "(users:mfa-reset)");
        }
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        String base32 = Totp.base32(secret);
        Arrays.fill(secret, (byte) 0);
        Totp.Algorithm algorithm = totpAlgorithm();
        String encrypted = encryption.encrypt(personOf(user.id), user.id, "totpSecret", base32);
        tx(em -> {
            UserRecord r = required(em, user.id);
            r.totpSecret = encrypted;
            r.totpAlgorithm = algorithm.name();
            r.totpConfirmed = false;
            r.totpLastStep = 0;
            r.updatedAt = now;
            return null;
        });
        String label = java.net.URLEncoder.encode(user.loginName, StandardCharsets.UTF_8).replace("+", "%20");
        String uri = "otpauth://totp/Steward:" + label + "?secret=" + base32 + "&issuer=Steward&algorithm="
                + algorithm.name() + "&digits=6&period=" + Totp.PERIOD_SECONDS;
        audit(sessionActor(user, s, Channel.valueOf(s.channel), source), "identity.mfa.enrol", user.id,
                Outcome.SUCCESS, "TOTP enrolment started (" + algorithm + ")");
        return new TotpEnrolment(base32, uri);
    }

    @Override
    public MfaEnrolled confirmTotp(String token, String code, String sourceAddress) {
        String source = source(sourceAddress);
        Instant now = now();
        SessionRecord s = requireSession(token, now, "identity.mfa.confirm", LoginOutcome.AUTHENTICATED,
                LoginOutcome.MFA_ENROLMENT_REQUIRED);
        UserRecord user = read(em -> required(em, s.userId));
        Channel via = Channel.valueOf(s.channel);
        Actor actor = sessionActor(user, s, via, source);
        String clean = code == null ? "" : code.strip().replace(" ", "");
        if (user.totpConfirmed || user.totpSecret == null) {
            throw new ConflictException("No TOTP enrolment is waiting for confirmation");
        }
        if (!SIX_DIGITS.matcher(clean).matches() || !acceptTotp(user.id, clean, now)) {
            audit(actor, "identity.mfa.confirm", user.id, Outcome.FAILED, "wrong code");
            throw new ValidationException("code", "is not the current code of the authenticator");
        }
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            byte[] bytes = new byte[10];
            random.nextBytes(bytes);
            String raw = Totp.base32(bytes);
            codes.add(raw.substring(0, 4) + "-" + raw.substring(4, 8) + "-" + raw.substring(8, 12) + "-"
                    + raw.substring(12, 16));
        }
        LoginResult session = tx(em -> {
            UserRecord r = required(em, user.id);
            r.totpConfirmed = true;
            r.updatedAt = now;
            em.createQuery("DELETE FROM RecoveryCodeRecord c WHERE c.userId = :user").setParameter("user", r.id)
                    .executeUpdate();
            for (String c : codes) {
                RecoveryCodeRecord rc = new RecoveryCodeRecord();
                rc.codeHash = sha256(r.id + ":" + c.replace("-", ""));
                rc.userId = r.id;
                rc.createdAt = now;
                em.persist(rc);
            }
            SessionRecord old = em.find(SessionRecord.class, s.tokenHash);
            if (old != null) {
                em.remove(old);
            }
            return newSession(em, r, nextState(r, now, true), via, source, now);
        });
        audit(actor, "identity.mfa.confirm", user.id, Outcome.SUCCESS, "TOTP enrolled; " + RECOVERY_CODES
                + " recovery codes issued");
        return new MfaEnrolled(session, codes);
    }

    // ----------------------------------------------------------------------------------------------- sessions

    @Override
    public Actor actorFor(String token, Channel channel, String sourceAddress) {
        String source = source(sourceAddress);
        Instant now = now();
        SessionRecord s = requireSession(token, now, "identity.session", LoginOutcome.AUTHENTICATED);
        UserRecord user = read(em -> em.find(UserRecord.class, s.userId));
        if (user == null || !UserStatus.ACTIVE.name().equals(user.status)) {
            throw new AccessDeniedException("identity.session", "the user is disabled");
        }
        Actor actor = sessionActor(user, s, channel == null ? Channel.valueOf(s.channel) : channel, source);
        if (!addressAllowed(user, source)) {
            audit(actor, "identity.session.use", user.id, Outcome.DENIED, "address not allowed by the IP rules");
            throw new AccessDeniedException("identity.session", "the address is not allowed for this user");
        }
        tx(em -> {
            SessionRecord live = em.find(SessionRecord.class, s.tokenHash);
            if (live != null) {
                live.lastSeenAt = now;
            }
            return null;
        });
        return actor;
    }

    @Override
    public Actor reauthenticate(String token, String password, Channel channel, String sourceAddress) {
        String source = source(sourceAddress);
        Instant now = now();
        SessionRecord s = requireSession(token, now, "identity.reauthenticate", LoginOutcome.AUTHENTICATED);
        UserRecord user = read(em -> required(em, s.userId));
        Channel via = channel == null ? Channel.valueOf(s.channel) : channel;
        Actor actor = sessionActor(user, s, via, source);
        if (throttled(user, source, now).isPresent() || user.lockedAt != null) {
            audit(actor, "identity.reauthenticate", user.id, Outcome.DENIED, "throttled");
            throw new AccessDeniedException("identity.reauthenticate", "too many failures; try again later");
        }
        if (!hasher.verify(PasswordPolicy.normalise(password).toCharArray(), user.passwordHash)) {
            String locked = recordFailure(user.id, source, now);
            audit(actor, "identity.reauthenticate", user.id, Outcome.DENIED, "wrong password"
                    + (locked.isEmpty() ? "" : "; " + locked));
            throw new AccessDeniedException("identity.reauthenticate", "the password is not right");
        }
        tx(em -> {
            SessionRecord live = em.find(SessionRecord.class, s.tokenHash);
            if (live != null) {
                live.authenticatedAt = now;
                live.lastSeenAt = now;
            }
            recordSuccess(em, required(em, user.id), source);
            return null;
        });
        audit(actor, "identity.reauthenticate", user.id, Outcome.SUCCESS, "");
        return actor.authenticatedAt(now);
    }

    @Override
    public void logout(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return;
        }
        String hash = sha256(token);
        SessionRecord s = tx(em -> {
            SessionRecord found = em.find(SessionRecord.class, hash);
            if (found != null) {
                em.remove(found);
            }
            return found;
        });
        if (s != null) {
            UserRecord user = read(em -> em.find(UserRecord.class, s.userId));
            if (user != null) {
                audit(sessionActor(user, s, Channel.valueOf(s.channel), s.sourceAddress), "identity.logout", user.id,
                        Outcome.SUCCESS, "");
            }
        }
    }
}
