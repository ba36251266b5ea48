package org.steward.consent;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One version of the text a person is shown when asked for consent to a purpose, in one language. Versions are never
 * changed once published: the proof of a consent names the version that was shown.
 */
public record ConsentText(String purpose, int version, Locale language, String text, Instant publishedAt) {
    public ConsentText {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(publishedAt, "publishedAt");
    }
}
