package org.steward.mail.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Component;
import org.steward.core.Html;
import org.steward.core.ValidationException;
import org.steward.core.Violation;
import org.steward.mail.MailTemplates;
import org.steward.mail.RenderedMail;

/**
 * The shipped templates, UTF-8 text files {@code templates/<name>/<language>.txt} in this bundle: a first line
 * {@code Subject: ...}, an empty line, then the plain-text body. The HTML part is derived from the same text (values
 * and text escaped, paragraphs and line breaks kept, a {@code link} value made a link), so each translation is
 * written once.
 */
@Component(service = MailTemplates.class)
public final class TemplateService implements MailTemplates {

    static final List<String> NAMES = List.of("consent-confirmation", "consent-request", "unsubscribed",
            "ticket-reply", "breach-notice");
    static final List<String> LANGUAGES = List.of("en", "pl", "it", "fr", "zh");
    private static final String FALLBACK = "en";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*\\}\\}");

    private record Template(String subject, String body) {
    }

    private final Map<String, Map<String, Template>> templates = new LinkedHashMap<>();

    public TemplateService() {
        for (String name : NAMES) {
            Map<String, Template> byLanguage = new LinkedHashMap<>();
            for (String language : LANGUAGES) {
                load(name, language).ifPresent(t -> byLanguage.put(language, t));
            }
            templates.put(name, byLanguage);
        }
    }

    private static Optional<Template> load(String name, String language) {
        String path = "templates/" + name + "/" + language + ".txt";
        try (InputStream in = TemplateService.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                return Optional.empty();
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            int end = text.indexOf('\n');
            if (!text.startsWith("Subject:") || end < 0) {
                throw new IllegalStateException(path + " does not start with a Subject: line");
            }
            return Optional.of(new Template(text.substring("Subject:".length(), end).strip(),
                    text.substring(end + 1).strip() + "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public RenderedMail render(String template, Locale language, Map<String, String> values) {
        Map<String, Template> byLanguage = templates.get(template);
        if (byLanguage == null) {
            throw new ValidationException("template", "is unknown (known: " + String.join(", ", NAMES) + ")");
        }
        String code = language == null ? FALLBACK : language.getLanguage();
        String used = byLanguage.containsKey(code) ? code : FALLBACK;
        Template t = byLanguage.get(used);
        Map<String, String> given = values == null ? Map.of() : values;
        List<Violation> missing = new ArrayList<>();
        for (String name : placeholders(t)) {
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

    private static Set<String> placeholders(Template t) {
        Set<String> names = new LinkedHashSet<>();
        for (String part : List.of(t.subject(), t.body())) {
            Matcher m = PLACEHOLDER.matcher(part);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static String fill(String text, Map<String, String> values, java.util.function.UnaryOperator<String> f) {
        Matcher m = PLACEHOLDER.matcher(text);
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
            Matcher m = PLACEHOLDER.matcher(paragraph);
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

    @Override
    public Set<String> templates() {
        return Collections.unmodifiableSet(new TreeSet<>(templates.keySet()));
    }

    @Override
    public Set<Locale> languages(String template) {
        Map<String, Template> byLanguage = templates.get(template);
        if (byLanguage == null) {
            throw new ValidationException("template", "is unknown (known: " + String.join(", ", NAMES) + ")");
        }
        Set<Locale> languages = new LinkedHashSet<>();
        byLanguage.keySet().forEach(code -> languages.add(Locale.forLanguageTag(code)));
        return Collections.unmodifiableSet(languages);
    }
}
