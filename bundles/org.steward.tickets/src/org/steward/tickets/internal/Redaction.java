package org.steward.tickets.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes other people's personal data from the texts handed to a data subject (Art. 15(4)): e-mail addresses and
 * phone numbers that are not the subject's own, and the names of other people Steward knows (agents who took part in
 * the conversation, other contacts). Own values are recognised by comparison with the subject's contact record.
 */
final class Redaction {

    static final String EMAIL_MARK = "[e-mail address removed]";
    static final String PHONE_MARK = "[phone number removed]";
    static final String NAME_MARK = "[name removed]";

    static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+'-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");
    /** Digit runs with the usual separators, 7 to 15 digits: what a phone number looks like in a text. */
    static final Pattern PHONE = Pattern.compile("(?<![\\p{N}\\w])(?:\\+|00)?\\(?\\d[\\d ()./-]{5,22}\\d(?![\\p{N}])");
    /** Two or three capitalised words in a row: a candidate full name to look up among the contacts. */
    static final Pattern CAPITALISED_NAME = Pattern.compile(
            "\\b\\p{Lu}[\\p{Ll}'-]+(?:\\s+\\p{Lu}[\\p{Ll}'-]+){1,2}\\b");

    private final Set<String> ownEmails;
    private final Set<String> ownPhones;
    private final Set<String> ownNameWords;
    private final List<Pattern> otherNames = new ArrayList<>();

    /**
     * @param ownEmails the subject's e-mail addresses
     * @param ownPhones the subject's phone numbers
     * @param ownNames the subject's names (kept)
     * @param knownNames names of other people to remove (agents' display names; their single words of three
     *            letters or more are removed too, as agents sign with their first name)
     */
    Redaction(Collection<String> ownEmails, Collection<String> ownPhones, Collection<String> ownNames,
            Collection<String> knownNames) {
        this.ownEmails = new LinkedHashSet<>();
        ownEmails.stream().filter(e -> e != null && !e.isBlank()).map(e -> e.strip().toLowerCase(Locale.ROOT))
                .forEach(this.ownEmails::add);
        this.ownPhones = new LinkedHashSet<>();
        ownPhones.stream().filter(p -> p != null && !p.isBlank()).map(Redaction::phoneKey).forEach(this.ownPhones::add);
        this.ownNameWords = new LinkedHashSet<>();
        for (String name : ownNames) {
            if (name != null) {
                for (String word : name.split("\\s+")) {
                    if (!word.isBlank()) {
                        ownNameWords.add(word.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        addNames(knownNames);
    }

    /** Adds names of other people to remove. */
    void addNames(Collection<String> names) {
        Set<String> words = new LinkedHashSet<>();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                continue;
            }
            String full = name.strip();
            if (ownNameWords.containsAll(List.of(full.toLowerCase(Locale.ROOT).split("\\s+")))) {
                continue; // the subject's own name
            }
            words.add(full);
            for (String word : full.split("\\s+")) {
                if (word.length() >= 3 && !ownNameWords.contains(word.toLowerCase(Locale.ROOT))) {
                    words.add(word);
                }
            }
        }
        // longest first, so a full name is replaced as a whole before its parts
        words.stream().sorted(Comparator.comparingInt(String::length).reversed()).forEach(word -> otherNames.add(
                Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])",
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));
    }

    /** Candidate full names in a text that are not the subject's own, to look up among the contacts. */
    List<String> nameCandidates(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = CAPITALISED_NAME.matcher(text);
        while (m.find()) {
            String candidate = m.group();
            boolean own = true;
            for (String word : candidate.split("\\s+")) {
                own &= ownNameWords.contains(word.toLowerCase(Locale.ROOT));
            }
            if (!own) {
                found.add(candidate);
            }
        }
        return found;
    }

    String apply(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = replace(EMAIL, text,
                email -> ownEmails.contains(email.toLowerCase(Locale.ROOT)) ? email : EMAIL_MARK);
        result = replace(PHONE, result, phone -> {
            String digits = phone.replaceAll("\\D", "");
            if (digits.length() < 7 || digits.length() > 15) {
                return phone; // an order number, a date, a postcode
            }
            return ownPhones.contains(phoneKey(phone)) ? phone : PHONE_MARK;
        });
        for (Pattern name : otherNames) {
            result = name.matcher(result).replaceAll(Matcher.quoteReplacement(NAME_MARK));
        }
        return result;
    }

    private static String replace(Pattern pattern, String text, Function<String, String> replacement) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The last nine digits: the same number written with or without a country code compares equal. */
    static String phoneKey(String phone) {
        String digits = phone.replaceAll("\\D", "");
        return digits.length() <= 9 ? digits : digits.substring(digits.length() - 9);
    }
}
