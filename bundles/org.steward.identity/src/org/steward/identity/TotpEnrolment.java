package org.steward.identity;

/**
 * A TOTP authenticator being enrolled. Show the URI as a QR code (or the secret for typing) to the user once; it is
 * stored only encrypted and never logged. The enrolment takes effect when a first valid code confirms it
 * ({@link Authenticator#confirmTotp}).
 *
 * @param secret the shared secret, 20 random bytes in Base32 without padding
 * @param uri {@code otpauth://totp/Steward:<login>?secret=...&issuer=Steward&algorithm=SHA1&digits=6&period=30}
 */
public record TotpEnrolment(String secret, String uri) {

    @Override
    public String toString() {
        return "TotpEnrolment[secret hidden]";
    }
}
