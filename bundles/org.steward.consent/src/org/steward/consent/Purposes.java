package org.steward.consent;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.steward.core.Actor;

/**
 * The purposes people can consent to and their versioned consent texts. Reading needs no permission (the texts are
 * shown on public forms); defining a purpose or publishing a text needs {@code ADMINISTER} on module {@code consent}
 * and is audited.
 */
@ProviderType
public interface Purposes {

    /** Every purpose, by name. */
    List<ConsentPurpose> list();

    /**
     * The purpose with this name; {@code service} (the mail module's purpose name) is the same as
     * {@link ConsentPurpose#SERVICE_COMMUNICATION}.
     */
    Optional<ConsentPurpose> get(String name);

    /**
     * Defines a new purpose.
     *
     * @throws org.steward.core.ValidationException when the name is malformed
     * @throws org.steward.core.ConflictException when the purpose exists
     */
    ConsentPurpose define(String name, String description, boolean needsConsent, Actor actor);

    /**
     * Publishes a new version of the consent text, in one or more languages (English should be among them: it is the
     * fallback).
     *
     * @return the purpose with its new current version
     */
    ConsentPurpose publishText(String purpose, Map<Locale, String> texts, Actor actor);

    /**
     * The text of a version in a language, falling back to English and then to any language of that version.
     *
     * @param version the version, or 0 for the current one
     */
    Optional<ConsentText> text(String purpose, int version, Locale language);
}
