package org.steward.contacts.internal;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A country as people write it, to its ISO 3166-1 alpha-2 code: the code itself, the alpha-3 code, its name in
 * English, Polish, Italian, French, Chinese and German, its name in its own languages ("Polska", "Deutschland"), and a
 * few common forms that are no official name ("USA", "UK", "Great Britain"); any case, with or without diacritics and
 * dots. The names come from the JDK's locale data (CLDR), so they follow the JDK instead of a list typed here.
 */
final class Countries {

    /** The languages of the product (design rule 14) and German, which address books of our users often hold. */
    private static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.forLanguageTag("pl"), Locale.ITALIAN,
            Locale.FRENCH, Locale.SIMPLIFIED_CHINESE, Locale.TRADITIONAL_CHINESE, Locale.GERMAN);
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /** Written forms that are no name in the JDK's data; the JDK's names and codes are added below. */
    private static final String[][] ALIASES = { { "US", "usa", "u s", "united states of america",
            "stany zjednoczone ameryki", "stati uniti d america", "etats unis d amerique", "美国", "美國",
            "vereinigte staaten von amerika" },
            { "GB", "uk", "u k", "great britain", "britain", "england", "scotland", "wales", "northern ireland",
                    "united kingdom of great britain and northern ireland", "wielka brytania", "gran bretagna",
                    "grande bretagne", "großbritannien", "grossbritannien", "英国" },
            { "CN", "prc", "people s republic of china", "中华人民共和国", "中華人民共和國" },
            { "NL", "holland", "the netherlands" }, { "KR", "republic of korea", "korea republic of" },
            { "KP", "democratic people s republic of korea" }, { "RU", "russian federation" },
            { "CZ", "czech republic" }, { "TR", "turkey", "turkiye" }, { "CI", "ivory coast" },
            { "VA", "vatican", "holy see" }, { "MK", "macedonia" }, { "SZ", "swaziland" }, { "MM", "burma" },
            { "CV", "cape verde" }, { "IR", "islamic republic of iran", "iran islamic republic of" },
            { "XK", "kosovo" } };
    private static final Map<String, String> CODES = build();

    private Countries() {
    }

    /**
     * The alpha-2 code of a country written by code, name or a common form; empty when the text names no country
     * (or is blank).
     */
    static Optional<String> code(String text) {
        return text == null ? Optional.empty() : Optional.ofNullable(CODES.get(key(text)));
    }

    /** Lower case, no diacritics, no dots ("U.S.A." is "usa"), every other run of punctuation and space one space. */
    static String key(String text) {
        String plain = MARKS.matcher(Normalizer.normalize(text.strip(), Normalizer.Form.NFKD)).replaceAll("")
                .toLowerCase(Locale.ROOT).replace("ł", "l").replace("ø", "o").replace("æ", "ae").replace("đ", "d")
                .replace("&", " and ").replace(".", "");
        String spaced = NOT_LETTER_OR_DIGIT.matcher(plain).replaceAll(" ").strip();
        return spaced.startsWith("the ") ? spaced.substring(4) : spaced;
    }

    /**
     * Codes first, then the names by language in the order above, then the endonyms: where two countries share a
     * written form, the earlier meaning wins (a code is never taken for a name).
     */
    private static Map<String, String> build() {
        Set<String> regions = new LinkedHashSet<>(List.of(Locale.getISOCountries()));
        regions.add("XK"); // Kosovo: user-assigned, used by the EU and by address books
        Map<String, String> codes = new HashMap<>();
        for (String region : regions) {
            codes.putIfAbsent(key(region), region);
        }
        for (String region : regions) {
            try {
                codes.putIfAbsent(key(Locale.of("", region).getISO3Country()), region);
            } catch (MissingResourceException e) {
                // a code without an alpha-3 form (XK): its name is enough
            }
        }
        for (String[] alias : ALIASES) {
            for (int i = 1; i < alias.length; i++) {
                codes.putIfAbsent(key(alias[i]), alias[0]);
            }
        }
        for (Locale language : LANGUAGES) {
            for (String region : regions) {
                add(codes, Locale.of("", region).getDisplayCountry(language), region);
            }
        }
        for (Locale locale : Locale.getAvailableLocales()) {
            if (regions.contains(locale.getCountry())) {
                add(codes, locale.getDisplayCountry(locale), locale.getCountry());
            }
        }
        return Map.copyOf(codes);
    }

    private static void add(Map<String, String> codes, String name, String region) {
        String key = key(name);
        // the JDK answers the code itself when it has no name for it in a language
        if (!key.isEmpty() && !key.equalsIgnoreCase(region)) {
            codes.putIfAbsent(key, region);
        }
    }
}
