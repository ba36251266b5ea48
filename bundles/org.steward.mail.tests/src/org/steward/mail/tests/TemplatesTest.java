package org.steward.mail.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.steward.core.ValidationException;
import org.steward.mail.MailTemplates;
import org.steward.mail.RenderedMail;
import org.steward.testing.Osgi;

/** The shipped templates in five languages, the English fallback, missing values and HTML escaping. */
class TemplatesTest {

    private static MailTemplates templates;

    private static final Map<String, Map<String, String>> VALUES = Map.of(
            "consent-confirmation", Map.of("purpose", "Newsletter", "link", "https://example.org/c/tok123",
                    "expires", "2031-03-05 09:00 UTC"),
            "consent-request", Map.of("purpose", "Newsletter", "link", "https://example.org/r/tok456"),
            "unsubscribed", Map.of("list", "Newsletter"),
            "ticket-reply", Map.of("ticket", "T-1042", "subject", "Printer", "message", "It works again."),
            "breach-notice", Map.of("nature", "A laptop was stolen.", "consequences", "Little risk.",
                    "measures", "The disk was encrypted.", "contact", "dpo@example.org"));

    /** A phrase of each language's confirmation subject, so that a wrong file or a fallback is caught. */
    private static final Map<String, String> CONFIRM = Map.of("en", "Please confirm", "pl", "Prosimy o potwierdzenie",
            "it", "Conferma", "fr", "Veuillez confirmer", "zh", "请确认");

    @BeforeAll
    static void setUp() {
        templates = Osgi.service(Osgi.context(TemplatesTest.class), MailTemplates.class);
    }

    @Test
    void everyTemplateIsThereInFiveLanguages() {
        assertEquals(VALUES.keySet(), templates.templates());
        for (String template : templates.templates()) {
            Set<Locale> languages = templates.languages(template);
            assertEquals(5, languages.size(), template + ": " + languages);
            for (String code : List.of("en", "pl", "it", "fr", "zh")) {
                RenderedMail mail = templates.render(template, Locale.forLanguageTag(code), VALUES.get(template));
                assertEquals(code, mail.language());
                assertFalse(mail.subject().isBlank());
                assertFalse(mail.textBody().contains("{{"), template + "/" + code + " left a placeholder");
                for (String value : VALUES.get(template).values()) {
                    assertTrue(mail.textBody().contains(value) || mail.subject().contains(value),
                            template + "/" + code + " lacks " + value);
                }
                assertTrue(mail.htmlBody().orElseThrow().contains("lang=\"" + code + "\""));
            }
        }
        for (var e : CONFIRM.entrySet()) {
            RenderedMail mail = templates.render("consent-confirmation", Locale.forLanguageTag(e.getKey()),
                    VALUES.get("consent-confirmation"));
            assertTrue(mail.subject().startsWith(e.getValue()), e.getKey() + ": " + mail.subject());
        }
        assertTrue(templates.render("unsubscribed", Locale.forLanguageTag("zh-CN"), VALUES.get("unsubscribed"))
                .textBody().contains("您的邮箱地址已从 Newsletter 中移除"));
        assertTrue(templates.render("breach-notice", Locale.forLanguageTag("pl-PL"), VALUES.get("breach-notice"))
                .textBody().contains("naruszeniu ochrony danych osobowych"));
    }

    @Test
    void anUntranslatedLanguageFallsBackToEnglish() {
        RenderedMail mail = templates.render("consent-request", Locale.GERMAN, VALUES.get("consent-request"));
        assertEquals("en", mail.language());
        assertEquals("May we write to you about Newsletter?", mail.subject());
    }

    @Test
    void aMissingValueIsNamed() {
        ValidationException e = assertThrows(ValidationException.class, () -> templates.render(
                "consent-confirmation", Locale.FRENCH, Map.of("purpose", "Newsletter", "expires", "demain")));
        assertEquals("link", e.field());
        assertEquals(1, e.violations().size());
        ValidationException unknown = assertThrows(ValidationException.class,
                () -> templates.render("no-such-template", Locale.ENGLISH, Map.of()));
        assertEquals("template", unknown.field());
    }

    @Test
    void valuesAreEscapedInHtmlAndKeptAsTextInThePlainPart() {
        RenderedMail mail = templates.render("ticket-reply", Locale.ITALIAN, Map.of("ticket", "T-7", "subject",
                "Re: <b>bold</b>\r\nBcc: x@example.org", "message", "<script>alert('x')</script> & more\nline 2"));
        String html = mail.htmlBody().orElseThrow();
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more<br>"), html);
        assertTrue(mail.textBody().contains("<script>alert('x')</script> & more\nline 2"));
        assertFalse(mail.subject().contains("\n") || mail.subject().contains("\r"), "no line break in a subject");
        RenderedMail link = templates.render("consent-request", Locale.ENGLISH, Map.of("purpose", "News",
                "link", "https://example.org/r?a=1&b=2"));
        assertTrue(link.htmlBody().orElseThrow()
                .contains("<a href=\"https://example.org/r?a=1&amp;b=2\">https://example.org/r?a=1&amp;b=2</a>"));
    }
}
