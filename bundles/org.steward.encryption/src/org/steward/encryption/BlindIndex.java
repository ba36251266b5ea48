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
     * {@link #normalisePhone(String, String)} in the region of the configured default country calling code (setting
     * {@code defaultCountryCode}, default {@code +48}: Poland).
     */
    String normalisePhone(String phone);

    /**
     * Brings a phone number to the form that is stored and indexed: E.164, with an extension in RFC 3966 form
     * ({@code +48221234567;ext=123}). The number is read with libphonenumber: a national number in {@code region}
     * (its national trunk prefix dropped where the region's plan does, e.g. {@code 06 12 34 56 78} in FR is
     * {@code +33612345678}), {@code 00} or {@code +} and the country calling code, separators (spaces, dashes, dots,
     * slashes, parentheses) ignored, an extension ({@code ext. 123}, {@code x123}, {@code ;ext=123}, {@code #123})
     * kept, the letters of a vanity number ({@code 1-800-FLOWERS}) turned into digits. The result of a stored form is
     * that form. A number outside the numbering plans libphonenumber knows is read by the rule of API 1.2 ({@code +}
     * or {@code 00}, else the region's calling code, then 8 to 15 digits), so that an index computed before stays the
     * same.
     *
     * @param region ISO 3166-1 alpha-2 code of the region in which a national number is read; null, empty or a region
     *            without a numbering plan takes the region of the configured default country calling code
     * @throws org.steward.core.ValidationException (field {@code phone}) when the text cannot be a phone number
     * @since 1.3
     */
    String normalisePhone(String phone, String region);
}
