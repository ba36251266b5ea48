package org.steward.contacts.internal;

import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.steward.contacts.DateOrder;
import org.steward.contacts.FieldDefinition;
import org.steward.core.ValidationException;
import org.steward.core.Violation;

/**
 * Checks and normalises the values of a contact by field name: a country name becomes its ISO code, a phone number
 * E.164, a date ISO 8601. A fault names the field, never the value. Manual changes ({@link #validate}) refuse what
 * cannot be used; the import ({@link ImportValues}) leaves an unusable optional value out instead.
 */
final class FieldValidation {

    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");
    static final String COUNTRY = "address.country";
    static final String STREET = "address.street";

    /**
     * A value ready for the store, the rule that changed it (null when it was stored as given) and, for a field of
     * several values, why some of them were left out (null when none was).
     */
    record Normalised(String value, String rule, String partlyLeftOut) {
    }

    private final Fields fields;
    private final Sealing sealing;
    private final Clock clock;
    private final MultiValues multiValues;

    FieldValidation(Fields fields, Sealing sealing, Clock clock) {
        this.fields = fields;
        this.sealing = sealing;
        this.clock = clock;
        this.multiValues = new MultiValues(this);
    }

    /**
     * Checks and normalises values by field name (blank means absent, removed); every fault is collected, none
     * contains the value. A national phone number is read in the country of the values, else in {@code region}
     * (null: the configured default).
     */
    Map<String, String> validate(Map<String, String> values, List<Violation> violations, String region) {
        Map<String, String> clean = new LinkedHashMap<>();
        String rowRegion = region(values, region);
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String name = entry.getKey();
            Optional<FieldDefinition> definition = fields.field(name);
            if (definition.isEmpty()) {
                violations.add(new Violation(name, "is not a field of a contact"));
                continue;
            }
            String value = entry.getValue() == null ? null : entry.getValue().strip();
            if (value == null || value.isEmpty()) {
                clean.put(name, null);
                continue;
            }
            try {
                Normalised normalised = normalise(definition.get(), value, rowRegion, null);
                if (normalised.partlyLeftOut() != null) {
                    violations.add(new Violation(name, normalised.partlyLeftOut()));
                } else {
                    clean.put(name, normalised.value());
                }
            } catch (ValidationException e) {
                violations.add(new Violation(name, e.violations().get(0).reason()));
            }
        }
        if (!Card.fits(clean)) {
            violations.add(new Violation("card", Card.TOO_LONG));
        }
        return clean;
    }

    /** {@link #validate(Map, List, String)} in the configured default region. */
    Map<String, String> validate(Map<String, String> values, List<Violation> violations) {
        return validate(values, violations, null);
    }

    /** The region national phone numbers of these values are read in: their country, else {@code fallback}. */
    static String region(Map<String, String> values, String fallback) {
        String country = values.get(COUNTRY);
        return country == null ? fallback : Countries.code(country).orElse(fallback);
    }

    /** A field of the catalogue, by name. */
    Optional<FieldDefinition> field(String name) {
        return fields.field(name);
    }

    /**
     * One value (not blank, stripped) to the form that is stored.
     *
     * @param region where a national phone number is read; null takes the configured default
     * @param order the order of day and month in numeric dates; null reads only unambiguous ones
     * @throws ValidationException naming the field when the value cannot be used
     */
    Normalised normalise(FieldDefinition field, String text, String region, DateOrder order) {
        String name = field.name();
        String value = Normalizer.normalize(text, Normalizer.Form.NFC);
        if (MultiValues.FIELDS.contains(name)) {
            return multiValues.normalise(field, value, region);
        }
        if (STREET.equals(name)) {
            value = Street.normalise(value);
        } else if (!BuiltInFields.NOTES.equals(name) && value.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            throw new ValidationException(name, "contains control characters");
        }
        String stored = switch (name) {
            case "email" -> {
                sealing.normaliseEmail(value); // refuses what is no e-mail address; stored as written
                yield value;
            }
            case "phone", "mobile" -> sealing.normalisePhone(value, region);
            case "birthDate" -> Dates.birthDate(name, value, order, LocalDate.now(clock)).value();
            case COUNTRY -> Countries.code(value).orElseThrow(() -> new ValidationException(name,
                    "is not a country: a name (English, Polish, Italian, French, Chinese, German) or an ISO 3166-1 "
                            + "code is needed"));
            case "language" -> {
                if (!LANGUAGE.matcher(value).matches()) {
                    throw new ValidationException(name, "must be a language tag like pl or en-GB");
                }
                yield value;
            }
            case BuiltInFields.TAGS -> String.join(",", Tags.parse(value));
            default -> value;
        };
        requireLength(field, stored);
        return new Normalised(stored, stored.equals(text) || BuiltInFields.TAGS.equals(name) ? null
                : rule(name, value, order), null);
    }

    static void requireLength(FieldDefinition field, String value) {
        int length = value.codePointCount(0, value.length());
        if (length > field.maxLength()) {
            throw new ValidationException(field.name(), "is longer than " + field.maxLength() + " characters ("
                    + length + ")");
        }
    }

    /** Why a value was changed, without the value. */
    private String rule(String name, String value, DateOrder order) {
        return switch (name) {
            case "phone", "mobile" -> "phone number written in E.164";
            case "birthDate" -> Dates.birthDate(name, value, order, LocalDate.now(clock)).rule();
            case COUNTRY -> "country written as its ISO 3166-1 alpha-2 code";
            case STREET -> "street lines tidied (line breaks kept)";
            default -> null; // trimmed or composed (Unicode NFC) only
        };
    }

    /** The phone number as stored and indexed; refuses what cannot be one. */
    String phone(String value, String region) {
        return sealing.normalisePhone(value, region);
    }

    /** Refuses what is no e-mail address. */
    void requireEmail(String value) {
        sealing.normaliseEmail(value);
    }

    /** A contact needs something to call it by. */
    static void requireNameOrEmail(Map<String, String> clean, List<Violation> violations) {
        if (clean.get("firstName") == null && clean.get("lastName") == null && clean.get("email") == null) {
            violations.add(new Violation("lastName", "a name or an e-mail address is required"));
        }
    }
}
