package org.steward.breaches.internal;

import java.util.List;

import org.steward.breaches.ProcessingActivity;

/**
 * The register of processing activities as CSV (RFC 4180): CRLF line ends, every field quoted, quotes doubled. A
 * field starting with a character a spreadsheet would run as a formula gets a leading apostrophe (CSV injection,
 * ASVS 5.0 1.2.10): descriptions come from partner modules.
 */
final class RegisterCsv {

    static final List<String> HEADER = List.of("Module", "Category", "Purposes", "Categories of data subjects",
            "Categories of personal data", "Recipients", "Retention", "Lawful bases");
    /** Several values in one cell. */
    static final String SEPARATOR = "; ";

    private RegisterCsv() {
    }

    static String write(List<ProcessingActivity> activities) {
        StringBuilder csv = new StringBuilder();
        row(csv, HEADER);
        for (ProcessingActivity a : activities) {
            row(csv, List.of(a.module(), a.category(), String.join(SEPARATOR, a.purposes()),
                    String.join(SEPARATOR, a.dataSubjects()), String.join(SEPARATOR, a.personalData()),
                    a.recipients().isEmpty() ? "none" : String.join(SEPARATOR, a.recipients()), a.retention(),
                    String.join(SEPARATOR, a.lawfulBases())));
        }
        return csv.toString();
    }

    private static void row(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(quote(fields.get(i)));
        }
        csv.append("\r\n");
    }

    static String quote(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
