package org.steward.contacts.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.steward.contacts.LawfulBasis;
import org.steward.contacts.PurposeBasis;

/**
 * The lawful-basis and consent columns of an import row ({@code basis.<purpose>}, {@code
 * basis.<purpose>.justification}, {@code consent.<purpose>}, {@code optOut.<purpose>}) read into one
 * {@link PurposeBasis} per purpose, with the import line as its recorded source. What cannot be used is left out with
 * a note, never guessed: legitimate interests without the balancing test (Art. 6(1)(f)) are not recorded, since a
 * justification written by the import would be no balancing test at all. An opt-out wins over every basis of its
 * purpose (an objection, Art. 21(2)-(3), or a withdrawn consent, Art. 7(3)).
 */
final class ImportBases {

    static final Pattern PURPOSE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    private static final int MAX_JUSTIFICATION = 3800;

    /** The values of one purpose in a row. */
    private static final class Purpose {
        String basis;
        String justification;
        String consent;
        String optOut;
    }

    private ImportBases() {
    }

    /**
     * Reads the bases of a row. {@code values} holds only this row's basis, justification, consent and opt-out keys;
     * {@code source} names the import and line (never a value), {@code today} is the review date.
     */
    static List<PurposeBasis> read(Map<String, String> values, String source, LocalDate today,
            List<ImportRows.Note> notes, ImportColumns columns) {
        Map<String, Purpose> byPurpose = new TreeMap<>();
        values.forEach((key, value) -> {
            Purpose p = byPurpose.computeIfAbsent(ImportColumns.purposeOf(key), k -> new Purpose());
            switch (ImportColumns.kindOf(key)) {
                case BASIS -> p.basis = value;
                case JUSTIFICATION -> p.justification = value;
                case CONSENT -> p.consent = value;
                case OPT_OUT -> p.optOut = value;
                default -> throw new IllegalArgumentException(key);
            }
        });
        List<PurposeBasis> bases = new ArrayList<>(byPurpose.size());
        byPurpose.forEach((purpose, p) -> {
            PurposeBasis basis = basisOf(purpose, p, source, today, notes, columns);
            if (basis != null) {
                bases.add(basis);
                columns.basisRecorded(purpose, basis.basis() == LawfulBasis.CONSENT);
            }
        });
        return bases;
    }

    private static PurposeBasis basisOf(String purpose, Purpose p, String source, LocalDate today,
            List<ImportRows.Note> notes, ImportColumns columns) {
        String basisKey = "basis." + purpose;
        String justificationKey = basisKey + ".justification";
        String consentKey = "consent." + purpose;
        if (p.optOut != null) {
            Boolean out = flag(p.optOut, true);
            if (out == null) {
                notes.add(ImportRows.Note.leftOut("optOut." + purpose, "is not yes, no or a date"));
            } else if (out) {
                columns.optedOut(purpose);
                notes.add(ImportRows.Note.info("optOut." + purpose, "the person opted out: no lawful basis is "
                        + "recorded for " + purpose));
                for (String[] given : new String[][] { { basisKey, p.basis }, { consentKey, p.consent },
                        { justificationKey, p.justification } }) {
                    if (given[1] != null) {
                        notes.add(ImportRows.Note.leftOut(given[0], "the person opted out of " + purpose));
                    }
                }
                return null;
            }
        }
        Boolean consented = null;
        if (p.consent != null) {
            consented = flag(p.consent, false);
            if (consented == null) {
                notes.add(ImportRows.Note.leftOut(consentKey, "is not yes, no or a date"));
            }
        }
        LawfulBasis basis = null;
        ImportRows.Note read = null;
        if (p.basis != null) {
            basis = basis(p.basis);
            if (basis == null) {
                notes.add(ImportRows.Note.leftOut(basisKey, "is not a lawful basis (consent, contract, legal "
                        + "obligation, vital interests, public task, legitimate interests)"));
            } else if (basis == LawfulBasis.CONSENT && Boolean.FALSE.equals(consented)) {
                notes.add(ImportRows.Note.leftOut(basisKey, "consent is named as the basis but " + consentKey
                        + " says no"));
                basis = null;
            } else if (!basis.name().equalsIgnoreCase(p.basis.strip())) {
                read = ImportRows.Note.normalised(basisKey, "read as " + basis);
            }
        } else if (Boolean.TRUE.equals(consented)) {
            basis = LawfulBasis.CONSENT;
            read = ImportRows.Note.normalised(consentKey, "recorded as lawful basis CONSENT");
        }
        if (basis == null) {
            if (p.justification != null) {
                notes.add(ImportRows.Note.leftOut(justificationKey, "no lawful basis of " + purpose
                        + " was recorded for it"));
            }
            return null;
        }
        String justification = p.justification == null ? "" : p.justification.strip();
        if (justification.codePointCount(0, justification.length()) > MAX_JUSTIFICATION) {
            notes.add(ImportRows.Note.leftOut(justificationKey, "is longer than " + MAX_JUSTIFICATION
                    + " characters"));
            justification = "";
        }
        if (basis == LawfulBasis.LEGITIMATE_INTERESTS && justification.isEmpty()) {
            // the balancing test of Art. 6(1)(f) is the controller's to write; the import cannot make one up
            notes.add(ImportRows.Note.leftOut(basisKey, "legitimate interests need the balancing test "
                    + "(Art. 6(1)(f)) in " + justificationKey + "; set the basis on the contact with it"));
            return null;
        }
        if (read != null) {
            notes.add(read);
        }
        return new PurposeBasis(purpose, basis, justification.isEmpty() ? "recorded from " + source
                : justification + " (recorded from " + source + ")", today);
    }

    /** A lawful basis as the common tools write it, or null. */
    static LawfulBasis basis(String text) {
        String t = NameSearch.normalise(text).replaceAll("[^a-z0-9()]+", " ").strip();
        if (t.isEmpty() || t.startsWith("not ") || t.startsWith("no ") || t.equals("none") || t.equals("n a")) {
            return null;
        }
        if (t.contains("6 1 a") || t.contains("6(1)(a)")) {
            return LawfulBasis.CONSENT;
        }
        for (LawfulBasis b : LawfulBasis.values()) {
            if (t.equals(b.name().toLowerCase(Locale.ROOT).replace('_', ' '))) {
                return b;
            }
        }
        String[][] words = { { "legitimate", "LEGITIMATE_INTERESTS" }, { "consent", "CONSENT" },
                { "contract", "CONTRACT" }, { "legal obligation", "LEGAL_OBLIGATION" },
                { "legal requirement", "LEGAL_OBLIGATION" }, { "vital", "VITAL_INTERESTS" },
                { "public", "PUBLIC_TASK" } };
        for (String[] w : words) {
            if (t.contains(w[0])) {
                return LawfulBasis.valueOf(w[1]);
            }
        }
        return null;
    }

    /**
     * Yes, no, or null when neither: a consent or opt-out flag as exports write it; a date means yes (given or opted
     * out on that day). "Opted out" and "unsubscribed" say yes in an opt-out column and no in a consent column.
     */
    static Boolean flag(String text, boolean optOutColumn) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "yes", "y", "true", "1", "x", "on", "ja", "tak", "oui", "si", "sì", "是" -> {
                return true;
            }
            case "no", "n", "false", "0", "off", "nein", "nie", "non", "否" -> {
                return false;
            }
            case "opted in", "opted-in", "subscribed" -> {
                return !optOutColumn;
            }
            case "opted out", "opted-out", "unsubscribed" -> {
                return optOutColumn;
            }
            default -> {
                try {
                    LocalDate.parse(t.length() > 10 ? t.substring(0, 10) : t);
                    return true;
                } catch (DateTimeParseException e) {
                    return null;
                }
            }
        }
    }
}
