package org.steward.contacts.internal;

import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.steward.contacts.FieldDefinition;
import org.steward.core.ValidationException;
import org.steward.core.Violation;

/** Checks and normalises the values of a contact by field name; a fault names the field, never the value. */
final class FieldValidation {

    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");
    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");

    private final Fields fields;
    private final Sealing sealing;
    private final Clock clock;

    FieldValidation(Fields fields, Sealing sealing, Clock clock) {
        this.fields = fields;
        this.sealing = sealing;
        this.clock = clock;
    }

    /**
     * Checks and normalises values by field name (blank means absent, removed); every fault is collected, none
     * contains the value.
     */
    Map<String, String> validate(Map<String, String> values, List<Violation> violations) {
        Map<String, String> clean = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String name = entry.getKey();
            String value = entry.getValue() == null ? null : entry.getValue().strip();
            Optional<FieldDefinition> definition = fields.field(name);
            if (definition.isEmpty()) {
                violations.add(new Violation(name, "is not a field of a contact"));
                continue;
            }
            if (value == null || value.isEmpty()) {
                clean.put(name, null);
                continue;
            }
            value = Normalizer.normalize(value, Normalizer.Form.NFC);
            int length = value.codePointCount(0, value.length());
            if (length > definition.get().maxLength()) {
                violations.add(new Violation(name, "is longer than " + definition.get().maxLength() + " characters ("
                        + length + ")"));
                continue;
            }
            if (!"notes".equals(name) && value.chars().anyMatch(ch -> ch < 0x20)) {
                violations.add(new Violation(name, "contains control characters"));
                continue;
            }
            try {
                clean.put(name, normalise(name, value));
            } catch (ValidationException e) {
                violations.add(new Violation(name, e.violations().get(0).reason()));
            }
        }
        return clean;
    }

    /** A contact needs something to call it by. */
    static void requireNameOrEmail(Map<String, String> clean, List<Violation> violations) {
        if (clean.get("firstName") == null && clean.get("lastName") == null && clean.get("email") == null) {
            violations.add(new Violation("lastName", "a name or an e-mail address is required"));
        }
    }

    private String normalise(String name, String value) {
        switch (name) {
            case "email" -> {
                sealing.normaliseEmail(value); // refuses what is no e-mail address
                return value;
            }
            case "phone", "mobile" -> {
                sealing.normalisePhone(value);
                return value;
            }
            case "birthDate" -> {
                try {
                    LocalDate date = LocalDate.parse(value);
                    if (date.isAfter(LocalDate.now(clock)) || date.getYear() < 1880) {
                        throw new ValidationException(name, "is not a plausible birth date");
                    }
                    return date.toString();
                } catch (DateTimeParseException e) {
                    throw new ValidationException(name, "must be a date like 1980-04-23");
                }
            }
            case "address.country" -> {
                if (!COUNTRY.matcher(value).matches()) {
                    throw new ValidationException(name, "must be a two-letter ISO 3166-1 code");
                }
                return value.toUpperCase(Locale.ROOT);
            }
            case "language" -> {
                if (!LANGUAGE.matcher(value).matches()) {
                    throw new ValidationException(name, "must be a language tag like pl or en-GB");
                }
                return value;
            }
            case BuiltInFields.TAGS -> {
                return String.join(",", Tags.parse(value));
            }
            default -> {
                return value;
            }
        }
    }
}
