package org.steward.contacts.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.steward.contacts.FieldDefinition;
import org.steward.core.ValidationException;

/**
 * The fields of the values beyond a contact's main one ({@code otherEmails}, {@code otherPhones},
 * {@code otherAddresses}): one value per line, each perhaps after a label and {@code ": "} ({@code work: }). Each line
 * is checked like the main field (an e-mail address, a phone number read in the contact's region and written in
 * E.164, an address on one line); a line that cannot be used, or that no longer fits the field's length, is left out
 * and counted, the others are kept.
 */
final class MultiValues {

    static final String EMAILS = "otherEmails";
    static final String PHONES = "otherPhones";
    static final String ADDRESSES = "otherAddresses";
    static final Set<String> FIELDS = Set.of(EMAILS, PHONES, ADDRESSES);
    private static final Pattern LABELLED = Pattern.compile("([\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,39}): +(.+)");

    private final FieldValidation validation;

    MultiValues(FieldValidation validation) {
        this.validation = validation;
    }

    /**
     * The usable lines of the value; {@link FieldValidation.Normalised#partlyLeftOut} says how many were left out
     * and why.
     *
     * @throws ValidationException when no line can be used
     */
    FieldValidation.Normalised normalise(FieldDefinition field, String text, String region) {
        String name = field.name();
        List<String> kept = new ArrayList<>();
        int unusable = 0;
        String reason = null;
        for (String line : text.replace("\r\n", "\n").replace('\r', '\n').replace('\t', ' ').split("\n")) {
            String value = line.strip();
            if (value.isEmpty()) {
                continue;
            }
            try {
                kept.add(line(name, value, region));
            } catch (ValidationException e) {
                unusable++;
                reason = reason == null ? e.violations().get(0).reason() : reason;
            }
        }
        int tooLong = 0;
        while (!kept.isEmpty() && String.join("\n", kept).codePointCount(0, String.join("\n", kept).length())
                > field.maxLength()) {
            kept.remove(kept.size() - 1);
            tooLong++;
        }
        String left = leftOut(unusable, reason, tooLong, field.maxLength());
        if (kept.isEmpty()) {
            throw new ValidationException(name, left == null ? "has no value" : left);
        }
        String joined = String.join("\n", kept);
        String rule = joined.equals(text) ? null
                : PHONES.equals(name) ? "phone numbers written in E.164, one per line" : "one value per line";
        return new FieldValidation.Normalised(joined, rule, left);
    }

    private static String leftOut(int unusable, String reason, int tooLong, int max) {
        List<String> parts = new ArrayList<>();
        if (unusable > 0) {
            parts.add(unusable + (unusable == 1 ? " value" : " values") + " unusable (" + reason + ")");
        }
        if (tooLong > 0) {
            parts.add(tooLong + (tooLong == 1 ? " value" : " values") + " beyond " + max + " characters together");
        }
        return parts.isEmpty() ? null : String.join("; ", parts) + " left out";
    }

    /** One line, its label kept. */
    private String line(String name, String line, String region) {
        if (line.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            throw new ValidationException(name, "contains control characters");
        }
        Matcher labelled = LABELLED.matcher(line);
        String label = labelled.matches() ? labelled.group(1).strip() + ": " : "";
        String value = labelled.matches() ? labelled.group(2).strip() : line;
        return label + switch (name) {
            case EMAILS -> {
                validation.requireEmail(value);
                yield value;
            }
            case PHONES -> validation.phone(value, region);
            default -> value;
        };
    }
}
