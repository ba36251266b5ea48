package org.steward.mail;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Mail templates by name and language, contributed by the installed modules. Placeholders are written
 * {@code {{name}}}; values are inserted as text (escaped in HTML).
 *
 * <p>A module contributes templates with the manifest header {@value #TEMPLATES_HEADER}, naming a folder of its bundle
 * that holds UTF-8 files {@code <name>/<language>.txt} (language as a two-letter code; {@code en} is required, it is
 * the fallback): a first line {@code Subject: ...}, an empty line, then the plain-text body. The templates are there
 * while the bundle is active and go with it. A name belongs to the first bundle that brings it; a second bundle's
 * template of the same name is refused (logged, naming both bundles).
 */
@ProviderType
public interface MailTemplates {

    /**
     * The manifest header with which a bundle contributes templates: the folder of its {@code <name>/<language>.txt}
     * files, e.g. {@code Steward-Mail-Templates: mail-templates}.
     *
     * @since 1.2
     */
    String TEMPLATES_HEADER = "Steward-Mail-Templates";

    /**
     * Renders a template. A language without a translation falls back to English.
     *
     * @throws org.steward.core.ValidationException when the template is unknown or a placeholder has no value (both
     *             named)
     */
    RenderedMail render(String template, Locale language, Map<String, String> values);

    /** The names of the templates there are. */
    Set<String> templates();

    /** The languages a template is translated into. */
    Set<Locale> languages(String template);

    /**
     * The symbolic name of the bundle that contributed a template, empty when there is no such template.
     *
     * @since 1.2
     */
    Optional<String> contributor(String template);
}
