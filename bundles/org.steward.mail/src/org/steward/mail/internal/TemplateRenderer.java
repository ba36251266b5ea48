package org.steward.mail.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;

import org.steward.core.Html;
import org.steward.core.ValidationException;
import org.steward.core.Violation;
import org.steward.mail.RenderedMail;

/**
 * Fills a template in. The HTML part is derived from the same text (values and text escaped, paragraphs and line
 * breaks kept, a {@code link} value made a link), so each translation is written once.
 */
final class TemplateRenderer {

    static final String FALLBACK = "en";

    private TemplateRenderer() {
    }

    /** Renders the translation into the language, or English when there is none. */
    static RenderedMail render(String template, Map<String, MailTemplate> byLanguage, Locale language,
            Map<String, String> values) {
        String code = language == null ? FALLBACK : language.getLanguage();
        String used = byLanguage.containsKey(code) ? code : FALLBACK;
        MailTemplate t = byLanguage.get(used);
        if (t == null) {
            throw new ValidationException("template", "has no English translation to fall back to");
        }
        Map<String, String> given = values == null ? Map.of() : values;
        List<Violation> missing = new ArrayList<>();
        for (String name : t.placeholders()) {
            String value = given.get(name);
            if (value == null || value.isBlank()) {
                missing.add(new Violation(name, "has no value (template " + template + " needs it)"));
            }
        }
        if (!missing.isEmpty()) {
            throw new ValidationException(missing);
        }
        String subject = fill(t.subject(), given, v -> v.replaceAll("[\\r\\n]+", " ").strip());
        String text = fill(t.body(), given, v -> v);
        String html = html(used, subject, t.body(), given);
        return new RenderedMail(template, used, subject, text, Optional.of(html));
    }

    private static String fill(String text, Map<String, String> values, UnaryOperator<String> f) {
        Matcher m = MailTemplate.PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(f.apply(values.get(m.group(1)))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Paragraphs (blank lines) become {@code <p>}, line breaks {@code <br>}; everything is escaped. */
    private static String html(String language, String subject, String body, Map<String, String> values) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").append(language)
                .append("\">\n<head><meta charset=\"UTF-8\"><title>").append(escape(subject))
                .append("</title></head>\n<body>\n");
        for (String paragraph : body.strip().split("\n\\s*\n")) {
            StringBuilder p = new StringBuilder();
            Matcher m = MailTemplate.PLACEHOLDER.matcher(paragraph);
            int last = 0;
            while (m.find()) {
                p.append(escape(paragraph.substring(last, m.start())));
                String name = m.group(1);
                String value = values.get(name);
                if ("link".equals(name) && value.matches("(?i)https?://\\S+")) {
                    p.append("<a href=\"").append(escape(value)).append("\">").append(escape(value)).append("</a>");
                } else {
                    p.append(escape(value));
                }
                last = m.end();
            }
            p.append(escape(paragraph.substring(last)));
            html.append("<p>").append(p.toString().replace("\n", "<br>\n")).append("</p>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    /** HTML text with line breaks as {@code \n} only: a {@code \r} would survive as a stray character. */
    static String escape(String text) {
        return Html.escape(text.replace("\r", ""));
    }
}
