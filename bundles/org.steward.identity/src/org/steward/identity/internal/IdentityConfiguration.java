package org.steward.identity.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Steward identity", description = "Users, password policy, login throttling, second "
        + "factor and sessions. Defaults follow NIST SP 800-63B-4 and OWASP ASVS 5.0; see docs/IDENTITY.md.")
public @interface IdentityConfiguration {

    String PID = "org.steward.identity";

    @AttributeDefinition(name = "Minimum password length", min = "8", max = "64", description = "Characters (Unicode "
            + "code points) a password needs when it is the only factor. NIST SP 800-63B-4 and ASVS 6.2.1: 15.")
    int minLength() default 15;

    @AttributeDefinition(name = "Minimum password length with MFA", min = "8", max = "64", description = "Characters "
            + "a password needs when the user has a second factor enrolled. NIST: 8.")
    int minLengthWithMfa() default 8;

    @AttributeDefinition(name = "Maximum password length", min = "64", max = "1024", description = "The longest "
            + "password accepted; at least 64 (ASVS 6.2.9). Values below 64 are raised to 64.")
    int maxLength() default 128;

    @AttributeDefinition(name = "Password expiry (days)", min = "0", max = "3650", description = "Admin option, off "
            + "(0) by default: NIST and ASVS 6.2.10 advise against periodic changes. When set, a password older than "
            + "this must be changed at the next login.")
    int passwordExpiryDays() default 0;

    @AttributeDefinition(name = "Password history", min = "0", max = "24", description = "Admin option, off (0) by "
            + "default: a new password may not repeat any of this many previous ones (their hashes are kept).")
    int passwordHistory() default 0;

    @AttributeDefinition(name = "Require an upper-case letter", description = "Composition rule, off by default "
            + "(ASVS 6.2.5 advises against composition rules).")
    boolean requireUppercase() default false;

    @AttributeDefinition(name = "Require a lower-case letter", description = "Composition rule, off by default.")
    boolean requireLowercase() default false;

    @AttributeDefinition(name = "Require a digit", description = "Composition rule, off by default.")
    boolean requireDigit() default false;

    @AttributeDefinition(name = "Require a symbol", description = "Composition rule, off by default: a character "
            + "that is neither a letter nor a digit.")
    boolean requireSymbol() default false;

    @AttributeDefinition(name = "Failures before an address is locked out of an account", min = "1", max = "100",
            description = "After this many consecutive failures for one account from one address, that address may "
                    + "not log in to that account for the lock time. Other addresses are not affected.")
    int failuresBeforeLock() default 5;

    @AttributeDefinition(name = "Lock time (minutes)", min = "1", max = "1440", description = "How long an address "
            + "stays locked out of an account after too many failures.")
    int lockMinutes() default 15;

    @AttributeDefinition(name = "Consecutive failures before the account is locked for everyone", min = "10",
            max = "100", description = "NIST SP 800-63B-4 allows at most 100. Counted over all addresses since the "
                    + "last successful login; then the account is locked for every address until an administrator "
                    + "runs users:unlock.")
    int accountFailureLimit() default 100;

    @AttributeDefinition(name = "First backoff per address (seconds)", min = "0", max = "60", description = "After "
            + "a failed login from an address (for any account), that address waits this long before its next "
            + "attempt; each further failure doubles the wait.")
    int backoffSeconds() default 1;

    @AttributeDefinition(name = "Longest backoff per address (seconds)", min = "1", max = "86400",
            description = "The doubling wait of an address never exceeds this.")
    int maxBackoffSeconds() default 900;

    @AttributeDefinition(name = "Failure memory (hours)", min = "1", max = "720", description = "Failures older than "
            + "this are forgotten (the address and account-address counters start again).")
    int failureMemoryHours() default 24;

    @AttributeDefinition(name = "Session idle timeout (minutes)", min = "1", max = "1440", description = "A session "
            + "not used for this long ends (ASVS 7.3.1).")
    int idleTimeoutMinutes() default 30;

    @AttributeDefinition(name = "Session absolute timeout (hours)", min = "1", max = "720", description = "A session "
            + "ends this long after its login, used or not (ASVS 7.3.2).")
    int absoluteTimeoutHours() default 12;

    @AttributeDefinition(name = "Restricted session timeout (minutes)", min = "1", max = "60", description = "How "
            + "long a session waiting for a password change, a second factor or an MFA enrolment stays usable.")
    int restrictedTimeoutMinutes() default 10;

    @AttributeDefinition(name = "TOTP algorithm", options = {
            @org.osgi.service.metatype.annotations.Option(label = "HMAC-SHA1 (every authenticator app)", value = "SHA1"),
            @org.osgi.service.metatype.annotations.Option(label = "HMAC-SHA256", value = "SHA256"),
            @org.osgi.service.metatype.annotations.Option(label = "HMAC-SHA512", value = "SHA512") },
            description = "HMAC of new TOTP enrolments. SHA1 is the RFC 6238 default and the only one every "
                    + "authenticator app supports.")
    String totpAlgorithm() default "SHA1";

    @AttributeDefinition(name = "TOTP clock skew (steps)", min = "0", max = "2", description = "Codes of this many "
            + "30-second steps before or after the server's time are accepted.")
    int totpSkewSteps() default 1;

    @AttributeDefinition(name = "Create the first administrator", description = "On first start, with no user yet, "
            + "create the user 'admin' with a one-time password in <steward.data.dir>/run/initial-admin-password "
            + "(owner-only), to be changed at the first login.")
    boolean createFirstAdministrator() default true;
}
