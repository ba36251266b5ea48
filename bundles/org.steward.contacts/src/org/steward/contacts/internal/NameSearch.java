package org.steward.contacts.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Normalisation of names for the prefix blind index and for comparing decrypted names with a search text. */
final class NameSearch {

    static final int PREFIX = 3;
    // compiled once: String.replaceAll and split compile their pattern on every call, twice per imported row
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern WORD_BREAK = Pattern.compile("[\\s\\-']+");

    private NameSearch() {
    }

    static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = MARKS.matcher(Normalizer.normalize(text.strip(), Normalizer.Form.NFKD)).replaceAll("");
        return decomposed.toLowerCase(Locale.ROOT).replace('ł', 'l');
    }

    /** The first up to three code points of the first word; null for an empty name. */
    static String prefix(String namePart) {
        String n = normalise(namePart);
        if (n.isEmpty()) {
            return null;
        }
        String word = WORD_BREAK.split(n)[0];
        if (word.isEmpty()) {
            return null;
        }
        int end = word.offsetByCodePoints(0, Math.min(PREFIX, word.codePointCount(0, word.length())));
        return word.substring(0, end);
    }

    /** Whether a name part starts with the text (both normalised). */
    static boolean startsWith(String namePart, String text) {
        return namePart != null && normalise(namePart).startsWith(normalise(text));
    }
}
