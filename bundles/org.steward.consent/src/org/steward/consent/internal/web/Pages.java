package org.steward.consent.internal.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.steward.core.Html;

/**
 * The few pages a person sees after clicking a link, in en, pl, it, fr and zh. Self-contained (inline style only, no
 * script, no external resource) and every value HTML-escaped.
 */
final class Pages {

    static final List<String> LANGUAGES = List.of("en", "pl", "it", "fr", "zh");

    /** key -> texts in the order of {@link #LANGUAGES}. */
    private static final Map<String, String[]> TEXTS = Map.ofEntries(
            Map.entry("confirm.title", new String[] { "Confirm your consent", "Potwierdź zgodę",
                    "Conferma il consenso", "Confirmez votre consentement", "确认您的同意" }),
            Map.entry("confirm.lead", new String[] {
                    "Press the button to confirm. Nothing is recorded until you do.",
                    "Naciśnij przycisk, aby potwierdzić. Do tego czasu nic nie zostanie zapisane.",
                    "Premi il pulsante per confermare. Finché non lo fai, non viene registrato nulla.",
                    "Appuyez sur le bouton pour confirmer. Rien n'est enregistré avant.",
                    "请点击按钮确认。在此之前不会记录任何内容。" }),
            Map.entry("confirm.button", new String[] { "Confirm", "Potwierdzam", "Confermo", "Je confirme", "确认" }),
            Map.entry("confirm.done", new String[] { "Thank you: your consent is confirmed.",
                    "Dziękujemy: zgoda została potwierdzona.", "Grazie: il consenso è confermato.",
                    "Merci : votre consentement est confirmé.", "谢谢：您的同意已确认。" }),
            Map.entry("accept.title", new String[] { "Give your consent", "Wyraź zgodę", "Dai il tuo consenso",
                    "Donnez votre consentement", "表示同意" }),
            Map.entry("accept.lead", new String[] {
                    "Press the button to agree. Nothing is recorded until you do.",
                    "Naciśnij przycisk, aby wyrazić zgodę. Do tego czasu nic nie zostanie zapisane.",
                    "Premi il pulsante per acconsentire. Finché non lo fai, non viene registrato nulla.",
                    "Appuyez sur le bouton pour accepter. Rien n'est enregistré avant.",
                    "请点击按钮表示同意。在此之前不会记录任何内容。" }),
            Map.entry("accept.button", new String[] { "I agree", "Zgadzam się", "Acconsento", "J'accepte", "我同意" }),
            Map.entry("accept.done", new String[] { "Thank you: your consent is recorded.",
                    "Dziękujemy: zgoda została zapisana.", "Grazie: il consenso è registrato.",
                    "Merci : votre consentement est enregistré.", "谢谢：您的同意已记录。" }),
            Map.entry("unsubscribe.title", new String[] { "Unsubscribe", "Wypisz się", "Annulla l'iscrizione",
                    "Se désabonner", "退订" }),
            Map.entry("unsubscribe.lead", new String[] { "Press the button to leave this mailing list.",
                    "Naciśnij przycisk, aby wypisać się z tej listy.", "Premi il pulsante per lasciare questa lista.",
                    "Appuyez sur le bouton pour quitter cette liste.", "点击按钮即可退出此邮件列表。" }),
            Map.entry("unsubscribe.button", new String[] { "Unsubscribe", "Wypisz mnie", "Annulla l'iscrizione",
                    "Me désabonner", "退订" }),
            Map.entry("unsubscribe.done", new String[] {
                    "You are unsubscribed. You will get no more mail from this list.",
                    "Wypisano Cię z listy. Nie otrzymasz już wiadomości z tej listy.",
                    "Iscrizione annullata. Non riceverai più messaggi da questa lista.",
                    "Vous êtes désabonné. Vous ne recevrez plus de messages de cette liste.",
                    "您已退订，将不再收到此列表的邮件。" }),
            Map.entry("invalid.title", new String[] { "This link is no longer valid.", "Ten link nie jest już ważny.",
                    "Questo link non è più valido.", "Ce lien n'est plus valide.", "此链接已失效。" }),
            Map.entry("invalid.lead", new String[] {
                    "It may have expired or been used already. Nothing was changed.",
                    "Mógł wygasnąć lub zostać już użyty. Nic nie zostało zmienione.",
                    "Potrebbe essere scaduto o già stato usato. Non è stato modificato nulla.",
                    "Il a peut-être expiré ou déjà été utilisé. Rien n'a été modifié.",
                    "链接可能已过期或已被使用。未做任何更改。" }),
            Map.entry("error.title", new String[] { "Please try again later.", "Spróbuj ponownie później.",
                    "Riprova più tardi.", "Veuillez réessayer plus tard.", "请稍后再试。" }),
            Map.entry("error.lead", new String[] { "Your request could not be handled just now. Nothing was changed.",
                    "Nie udało się teraz obsłużyć żądania. Nic nie zostało zmienione.",
                    "Non è stato possibile gestire la richiesta ora. Non è stato modificato nulla.",
                    "Votre demande n'a pas pu être traitée pour le moment. Rien n'a été modifié.",
                    "暂时无法处理您的请求。未做任何更改。" }));

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:32em;margin:3em auto;"
            + "padding:0 1em;color:#222;line-height:1.5}button{font-size:1.1em;padding:.5em 1.5em;cursor:pointer}";

    private Pages() {
    }

    /**
     * The page language: an explicit {@code lang} parameter when it is one we have, else the browser's preference
     * (Accept-Language, in order), else English.
     */
    static String language(String langParameter, String acceptLanguage) {
        if (langParameter != null) {
            String l = langParameter.trim().toLowerCase(Locale.ROOT);
            l = l.length() > 2 ? l.substring(0, 2) : l;
            if (LANGUAGES.contains(l)) {
                return l;
            }
        }
        if (acceptLanguage != null && acceptLanguage.length() < 1000) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    String tag = range.getRange();
                    String l = tag.length() >= 2 ? tag.substring(0, 2).toLowerCase(Locale.ROOT) : tag;
                    if (LANGUAGES.contains(l)) {
                        return l;
                    }
                }
            } catch (IllegalArgumentException ignored) {
                // a malformed header is simply not a preference
            }
        }
        return "en";
    }

    static String text(String key, String language) {
        String[] texts = TEXTS.get(key);
        int i = LANGUAGES.indexOf(language);
        return texts[i < 0 ? 0 : i];
    }

    /** A page with a POST form carrying the token (and, for unsubscribe, the RFC 8058 field). */
    static String form(String action, String token, String language) {
        StringBuilder fields = new StringBuilder();
        fields.append("<input type=\"hidden\" name=\"token\" value=\"").append(Html.escape(token)).append("\">");
        if (ConsentServlet.UNSUBSCRIBE.equals("/" + action)) {
            fields.append("<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">");
        }
        String body = "<h1>" + Html.escape(text(action + ".title", language)) + "</h1><p>"
                + Html.escape(text(action + ".lead", language)) + "</p><form method=\"post\">" + fields
                + "<button type=\"submit\">" + Html.escape(text(action + ".button", language)) + "</button></form>";
        return page(text(action + ".title", language), body, language);
    }

    /** A page with a title and one sentence. */
    static String message(String titleKey, String leadKey, String language) {
        String body = "<h1>" + Html.escape(text(titleKey, language)) + "</h1>"
                + (leadKey == null ? "" : "<p>" + Html.escape(text(leadKey, language)) + "</p>");
        return page(text(titleKey, language), body, language);
    }

    private static String page(String title, String body, String language) {
        return "<!DOCTYPE html><html lang=\"" + Html.escape(language) + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex,nofollow\"><title>" + Html.escape(title) + "</title><style>"
                + STYLE + "</style></head><body>" + body + "</body></html>";
    }
}
