package org.steward.mail;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Mail templates by name and language (English, Polish, Italian, French and Chinese are shipped). Placeholders are
 * written {@code {{name}}}; values are inserted as text (escaped in HTML).
 *
 * <p>Shipped templates: {@code consent-confirmation} (double opt-in; values {@code purpose}, {@code link},
 * {@code expires}), {@code consent-request} ({@code purpose}, {@code link}), {@code unsubscribed} ({@code list}),
 * {@code ticket-reply} ({@code ticket}, {@code subject}, {@code message}), {@code breach-notice}
 * ({@code nature}, {@code consequences}, {@code measures}, {@code contact}).
 */
@ProviderType
public interface MailTemplates {

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
}
