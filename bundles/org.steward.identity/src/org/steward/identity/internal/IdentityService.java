package org.steward.identity.internal;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
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
import org.steward.audit.AuditLog;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.DataDirectory;
import org.steward.core.UnavailableException;
import org.steward.core.Violation;
import org.steward.core.spi.PersonalDataProvider;
import org.steward.encryption.FieldEncryption;
import org.steward.encryption.KeyManagement;
import org.steward.encryption.PasswordHasher;
import org.steward.identity.AdministrationPolicy;
import org.steward.identity.Authenticator;
import org.steward.identity.IdentityStatus;
import org.steward.identity.LoginResult;
import org.steward.identity.MfaEnrolled;
import org.steward.identity.NewUser;
import org.steward.identity.RoleMembership;
import org.steward.identity.TotpEnrolment;
import org.steward.identity.User;
import org.steward.identity.UserCreated;
import org.steward.identity.UserDirectory;
import org.steward.persistence.PersistenceUnit;
import org.steward.persistence.StewardPersistence;
import org.steward.persistence.Transactions;

import jakarta.persistence.EntityManagerFactory;

/**
 * The identity module's component: opens its persistence unit, wires the parts (users, passwords, throttling, access
 * rules, sessions, the second factor, logins) and serves them as {@link UserDirectory} and {@link Authenticator}.
 * It also registers the staff users' {@link IdentityDataProvider}, which lives and dies with the unit it reads.
 * See docs/IDENTITY.md for the design. Secrets (passwords, tokens, TOTP secrets, recovery codes) are never logged
 * nor audited.
 */
@Component(service = { UserDirectory.class, Authenticator.class }, immediate = true,
        configurationPid = IdentityConfiguration.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = IdentityConfiguration.class)
public final class IdentityService implements UserDirectory, Authenticator {

    static final String UNIT = "identity";
    static final int SCHEMA_VERSION = 1;

    private final IdentityConfiguration config;
    private final PasswordPolicy policy;
    private final EntityManagerFactory factory;
    private final String databaseUrl;
    private final Accounts accounts;
    private final UserAdministration users;
    private final AccessRules rules;
    private final SecondFactor secondFactor;
    private final Sessions sessions;
    private final Logins logins;
    private final Logger logger;
    private final BundleContext context;
    private final KeyManagement keys;
    private final FirstAdministrator firstAdministrator;
    private volatile ServiceRegistration<PersonalDataProvider> provider;

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
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
            @Reference KeyManagement keys, BundleContext context, IdentityConfiguration config) {
        this.logger = logger;
        this.context = context;
        this.keys = keys;
        this.config = config;
        this.policy = new PasswordPolicy(config);
        try {
            this.factory = persistence.open(context.getBundle(), PersistenceUnit.of(UNIT, SCHEMA_VERSION));
            this.databaseUrl = persistence.info().url();
            createRestrictionTable(persistence);
        } catch (RuntimeException e) {
            logger.error("The identity module cannot start: {}", e.toString(), e);
            throw e;
        }
        SecureRandom random = new SecureRandom();
        this.accounts = new Accounts(Transactions.of(factory, "the identity database"), audit, () -> clock,
                () -> roles, logger);
        AdministratorCheck administrators = new AdministratorCheck(accounts, () -> administrationPolicy);
        Passwords passwords = new Passwords(accounts, hasher, policy, config, random);
        this.rules = new AccessRules(accounts, administrators);
        this.sessions = new Sessions(accounts, rules, config, random);
        this.secondFactor = new SecondFactor(accounts, sessions, encryption, config, random);
        this.users = new UserAdministration(accounts, administrators, passwords);
        this.firstAdministrator = new FirstAdministrator(accounts, passwords, dataDirectory, logger);
        this.logins = new Logins(accounts, passwords, new Throttle(accounts, config), rules, sessions, secondFactor,
                firstAdministrator);
    }

    /** After the constructor, once the dynamic references (the clock among them) are bound. */
    @Activate
    void start() {
        try {
            if (config.createFirstAdministrator()) {
                firstAdministrator.createIfNoUsers();
            }
        } catch (RuntimeException e) {
            logger.error("The first administrator could not be created: {}", e.toString(), e);
            factory.close();
            throw e;
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(PersonalDataProvider.MODULE_PROPERTY, Accounts.MODULE);
        provider = context.registerService(PersonalDataProvider.class, new IdentityDataProvider(accounts, keys),
                properties);
        logger.info("Identity module ready");
    }

    /** The Art. 18 lock table in the shared shape; another server may create it at the same moment. */
    private static void createRestrictionTable(StewardPersistence persistence) {
        try (Connection c = persistence.dataSource().getConnection()) {
            try {
                Accounts.RESTRICTIONS.createIfMissing(c);
            } catch (SQLException raced) {
                if (!Accounts.RESTRICTIONS.exists(c)) {
                    throw raced;
                }
            }
        } catch (SQLException e) {
            throw new UnavailableException("The identity database cannot hold restriction locks (SQLSTATE "
                    + e.getSQLState() + ")");
        }
    }

    @Deactivate
    void deactivate() {
        ServiceRegistration<PersonalDataProvider> registered = provider;
        if (registered != null) {
            try {
                registered.unregister();
            } catch (IllegalStateException gone) {
                // unregistered with the bundle already
            }
        }
        factory.close();
    }

    // ------------------------------------------------------------------------------------------ UserDirectory

    @Override
    public UserCreated create(Actor by, NewUser user) {
        return users.create(by, user);
    }

    @Override
    public Optional<User> find(String loginName) {
        return users.find(loginName);
    }

    @Override
    public User get(String userId) {
        return users.get(userId);
    }

    @Override
    public List<User> list() {
        return users.list();
    }

    @Override
    public User disable(Actor by, String userId) {
        return users.disable(by, userId);
    }

    @Override
    public User enable(Actor by, String userId) {
        return users.enable(by, userId);
    }

    @Override
    public void unlock(Actor by, String userId) {
        users.unlock(by, userId);
    }

    @Override
    public UserCreated resetPassword(Actor by, String userId) {
        return users.resetPassword(by, userId);
    }

    @Override
    public void resetMfa(Actor by, String userId) {
        users.resetMfa(by, userId);
    }

    @Override
    public int endSessions(Actor by, String userId) {
        return users.endSessions(by, userId);
    }

    @Override
    public List<Violation> checkPassword(String userId, String password) {
        return users.checkPassword(userId, password);
    }

    @Override
    public void setUserNetworks(Actor by, String userId, List<String> networks) {
        rules.setUserNetworks(by, userId, networks);
    }

    @Override
    public void setRoleNetworks(Actor by, String role, List<String> networks) {
        rules.setRoleNetworks(by, role, networks);
    }

    @Override
    public List<String> userNetworks(String userId) {
        return rules.userNetworks(userId);
    }

    @Override
    public List<String> roleNetworks(String role) {
        return rules.roleNetworks(role);
    }

    @Override
    public void setMfaRequired(Actor by, String role, boolean required) {
        rules.setMfaRequired(by, role, required);
    }

    @Override
    public Set<String> mfaRequiredRoles() {
        return rules.mfaRequiredRoles();
    }

    @Override
    public IdentityStatus status() {
        long userCount = accounts.read(em -> em.createQuery("SELECT COUNT(u) FROM UserRecord u", Long.class)
                .getSingleResult());
        long sessionCount = accounts.read(em -> em.createQuery("SELECT COUNT(s) FROM SessionRecord s", Long.class)
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
        settings.put("totpAlgorithm", secondFactor.algorithm().name());
        settings.put("totpSkewSteps", secondFactor.skew());
        return new IdentityStatus(databaseUrl, userCount, sessionCount, settings);
    }

    // ------------------------------------------------------------------------------------------ Authenticator

    @Override
    public LoginResult login(String loginName, String password, Channel channel, String sourceAddress) {
        return logins.login(loginName, password, channel, sourceAddress);
    }

    @Override
    public LoginResult verifySecondFactor(String token, String code, String sourceAddress) {
        return logins.verifySecondFactor(token, code, sourceAddress);
    }

    @Override
    public LoginResult changePassword(String token, String currentPassword, String newPassword, String sourceAddress) {
        return logins.changePassword(token, currentPassword, newPassword, sourceAddress);
    }

    @Override
    public TotpEnrolment beginTotpEnrolment(String token, String sourceAddress) {
        return secondFactor.begin(token, sourceAddress);
    }

    @Override
    public MfaEnrolled confirmTotp(String token, String code, String sourceAddress) {
        return secondFactor.confirm(token, code, sourceAddress);
    }

    @Override
    public Actor actorFor(String token, Channel channel, String sourceAddress) {
        return sessions.actorFor(token, channel, sourceAddress);
    }

    @Override
    public Actor reauthenticate(String token, String password, Channel channel, String sourceAddress) {
        return logins.reauthenticate(token, password, channel, sourceAddress);
    }

    @Override
    public void logout(String token) {
        sessions.logout(token);
    }
}
