/**
 * Identity of Steward's staff users: accounts, the password policy (NIST SP 800-63B-4, OWASP ASVS 5.0), login with
 * throttling that cannot be used to lock others out, TOTP second factor (RFC 6238) with recovery codes, sessions with
 * idle and absolute timeouts, and IP allow-lists. See {@code docs/IDENTITY.md}.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.steward.identity;
