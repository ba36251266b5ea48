package org.steward.contacts.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.steward.contacts.DateOrder;
import org.steward.contacts.FieldDefinition;
import org.steward.core.ValidationException;
import org.steward.core.Violation;

/**
 * The values of one import row made ready for the store, normalised as in {@link FieldValidation} but without
 * rejecting the person for an optional value: a country name becomes its code, a phone number E.164, a date ISO 8601,
 * and an optional value that cannot be used (unusable, over-long, ambiguous, implausible) is left out of its field.
 * Every change and every value left out is a {@link Note} naming the field and the rule, never the value. Only what
 * makes the row wrong is a violation: nobody to call it by (no name, no e-mail), an invalid e-mail address, an
 * over-long or control-character name or e-mail address. Keys that are no field of the catalogue ({@code company},
 * {@code basis.*}, {@code consent.*}, {@code optOut.*}) pass through untouched for the pipeline.
 */
final class ImportValues {

    /** The fields that identify the person: a bad value rejects the row instead of being left out. */
    private static final Set<String> IDENTIFYING = Set.of("firstName", "lastName", "email");
    /** Left out first, in this order, when the card would be too long to store. */
    private static final List<String> EXPENDABLE = List.of(MultiValues.ADDRESSES, MultiValues.PHONES,
            MultiValues.EMAILS, "jobTitle");

    /** What happened to a value. */
    enum Kind {
        /** Stored in another form than written (country code, E.164, ISO date). */
        NORMALISED,
        /** Not stored: unusable, over-long, ambiguous or implausible; the person is imported without it. */
        LEFT_OUT
    }

    /** A value of the row that was normalised or left out: the field and the rule or reason, never the value. */
    record Note(String field, Kind kind, String reason) {
    }

    /**
     * The values ready for the store (keys outside the catalogue untouched), the notes, and the violations that
     * reject the row (empty when it can be imported).
     */
    record Outcome(Map<String, String> values, List<Note> notes, List<Violation> violations) {
    }

    private final FieldValidation validation;

    ImportValues(FieldValidation validation) {
        this.validation = validation;
    }

    /**
     * Normalises one row.
     *
     * @param raw values by field name as read from the file
     * @param defaultRegion the ISO code (or a country name) of the region national phone numbers are read in when the
     *            row has no country; empty or null takes the configured default
     * @param order the order of day and month in numeric dates; null reads only unambiguous ones
     */
    Outcome normalise(Map<String, String> raw, String defaultRegion, DateOrder order) {
        Map<String, String> values = new LinkedHashMap<>();
        List<Note> notes = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        String fallback = region(defaultRegion);
        Map<String, String> ordered = new LinkedHashMap<>();
        // the country first: national phone numbers are read in it
        if (raw.containsKey(FieldValidation.COUNTRY)) {
            ordered.put(FieldValidation.COUNTRY, raw.get(FieldValidation.COUNTRY));
        }
        ordered.putAll(raw);
        for (Map.Entry<String, String> entry : ordered.entrySet()) {
            String name = entry.getKey();
            Optional<FieldDefinition> field = validation.field(name);
            if (field.isEmpty()) {
                values.put(name, entry.getValue());
                continue;
            }
            String value = entry.getValue() == null ? "" : entry.getValue().strip();
            if (value.isEmpty()) {
                continue;
            }
            String region = values.containsKey(FieldValidation.COUNTRY) ? values.get(FieldValidation.COUNTRY)
                    : fallback;
            try {
                FieldValidation.Normalised n = validation.normalise(field.get(), value, region, order);
                values.put(name, n.value());
                if (n.rule() != null) {
                    notes.add(new Note(name, Kind.NORMALISED, n.rule()));
                }
                if (n.partlyLeftOut() != null) {
                    notes.add(new Note(name, Kind.LEFT_OUT, n.partlyLeftOut()));
                }
            } catch (ValidationException e) {
                String reason = e.violations().get(0).reason();
                if (IDENTIFYING.contains(name)) {
                    violations.add(new Violation(name, reason));
                } else {
                    notes.add(new Note(name, Kind.LEFT_OUT, reason));
                }
            }
        }
        if (violations.isEmpty()) {
            FieldValidation.requireNameOrEmail(values, violations);
        }
        fit(values, notes, violations);
        return new Outcome(values, List.copyOf(notes), List.copyOf(violations));
    }

    /** Leaves out the expendable fields, in order, until the card can be stored; else the row is refused. */
    private static void fit(Map<String, String> values, List<Note> notes, List<Violation> violations) {
        for (String field : EXPENDABLE) {
            if (Card.fits(values)) {
                return;
            }
            if (values.remove(field) != null) {
                notes.add(new Note(field, Kind.LEFT_OUT, Card.TOO_LONG));
            }
        }
        if (!Card.fits(values)) {
            violations.add(new Violation("card", Card.TOO_LONG));
        }
    }

    /**
     * The region of {@code ImportOptions.defaultRegion}: an ISO code or a country name; null for empty (the
     * configured default).
     *
     * @throws ValidationException (field {@code defaultRegion}) when it names no country
     */
    static String region(String defaultRegion) {
        if (defaultRegion == null || defaultRegion.isBlank()) {
            return null;
        }
        return Countries.code(defaultRegion).orElseThrow(() -> new ValidationException("defaultRegion",
                "is not a country: an ISO 3166-1 code like PL or a country name is needed"));
    }
}
