package org.steward.encryption;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A keyed index for equality search on encrypted fields: HMAC-SHA256 under its own key (never derived from the master
 * key, so a master-key rotation does not change any index) over a normalised value, as Base64url text (43
 * characters). Equal normalised values give equal indexes; without the key, an index reveals nothing and cannot be
 * guessed by trying values.
 */
@ProviderType
public interface BlindIndex {

    /** The kind of {@link #email(String)} indexes. */
    String EMAIL = "email";

    /** The kind of {@link #phone(String)} indexes. */
    String PHONE = "phone";

    /**
     * The index of an e-mail address, trimmed and lower-cased.
     *
     * @throws org.steward.core.ValidationException (field {@code email}) when the text is no e-mail address
     */
    String email(String email);

    /**
     * The index of a phone number in E.164 form (see {@link #normalisePhone(String)}).
     *
     * @throws org.steward.core.ValidationException (field {@code phone}) when the text cannot be a phone number
     */
    String phone(String phone);

    /**
     * The index of an already normalised value of a kind (e.g. {@code "national-id"}); the kind separates the
     * indexes of different kinds of value.
     */
    String of(String kind, String normalisedValue);

    /** Trims, applies Unicode NFC and lower-cases (Locale.ROOT); refuses what cannot be an e-mail address. */
    String normaliseEmail(String email);

    /**
     * Brings a phone number to E.164: removes spaces, dashes, dots, slashes and parentheses, turns a leading
     * {@code 00} into {@code +}, and prefixes a number without {@code +} with the configured default country calling
     * code (default {@code +48}); refuses anything else than {@code +} and 8 to 15 digits.
     */
    String normalisePhone(String phone);
}
