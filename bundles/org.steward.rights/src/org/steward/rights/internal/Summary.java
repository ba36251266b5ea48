package org.steward.rights.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.steward.core.Html;
import org.steward.core.PersonId;
import org.steward.core.spi.DataCategory;
import org.steward.core.spi.ExportedRecord;
import org.steward.core.spi.FieldDescription;

/**
 * The readable part of an access package (Art. 15(1)): per module and category, what is held, for which purposes, on
 * which lawful basis, from which sources, shared with whom and kept how long; then the person's rights.
 */
final class Summary {

    private record Section(String module, DataCategory category, int records, Set<String> sources) {
    }

    private final PersonId person;
    private final Instant generatedAt;
    private final List<Section> sections = new ArrayList<>();
    /** The modules' own files: their path in the package and media type. */
    private final List<String> files = new ArrayList<>();

    Summary(PersonId person, Instant generatedAt, List<ModuleData> modules) {
        this.person = person;
        this.generatedAt = generatedAt;
        for (ModuleData module : modules) {
            for (DataCategory category : ExportPackage.categoriesWithRecords(module)) {
                List<ExportedRecord> records = module.records().stream()
                        .filter(r -> r.category().equals(category.name())).toList();
                Set<String> sources = new LinkedHashSet<>();
                records.forEach(r -> {
                    if (!r.source().isBlank()) {
                        sources.add(r.source());
                    }
                });
                sections.add(new Section(module.module(), category, records.size(), sources));
            }
            module.files().forEach(f -> files.add(module.path(f) + " (" + f.mediaType() + ")"));
        }
    }

    private static final String[] RIGHTS = {
            "You may ask us to correct inaccurate data (Art. 16 GDPR).",
            "You may ask us to erase your data (Art. 17), unless we must keep it by law or for legal claims.",
            "You may ask us to restrict processing (Art. 18): we then only store your data.",
            "You may receive your data in a machine-readable format (Art. 20): data.json (described by schema.json), "
                    + "the CSV files and the files in the modules' own formats in this package.",
            "You may object to processing based on legitimate interests, and at any time to direct marketing (Art. 21).",
            "Where processing rests on your consent, you may withdraw it at any time (Art. 7(3)).",
            "You may lodge a complaint with a supervisory authority (Art. 77)." };

    String text() {
        StringBuilder out = new StringBuilder();
        out.append("Personal data held about you").append('\n');
        out.append("============================").append("\n\n");
        out.append("Person id: ").append(person).append('\n');
        out.append("Prepared:  ").append(generatedAt).append("\n\n");
        if (sections.isEmpty()) {
            out.append("We hold no personal data about you.\n\n");
        }
        for (Section s : sections) {
            out.append(s.module()).append(" - ").append(s.category().name()).append('\n');
            out.append("-".repeat(s.module().length() + 3 + s.category().name().length())).append('\n');
            out.append("Records held:     ").append(s.records()).append('\n');
            out.append("Data:             ").append(fields(s.category())).append('\n');
            out.append("Purposes:         ").append(list(s.category().purposes())).append('\n');
            out.append("Lawful basis:     ").append(list(s.category().lawfulBases())).append('\n');
            out.append("Sources:          ").append(list(new ArrayList<>(s.sources()))).append('\n');
            out.append("Shared with:      ").append(s.category().recipients().isEmpty() ? "nobody"
                    : String.join(", ", s.category().recipients())).append('\n');
            out.append("Kept for:         ").append(or(s.category().retention())).append("\n\n");
        }
        if (!files.isEmpty()) {
            out.append("Files in the modules' own formats\n---------------------------------\n");
            files.forEach(f -> out.append("- ").append(f).append('\n'));
            out.append('\n');
        }
        out.append("Your rights\n-----------\n");
        for (String right : RIGHTS) {
            out.append("- ").append(right).append('\n');
        }
        return out.toString();
    }

    String html() {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Personal data held about you</title></head><body>\n");
        out.append("<h1>Personal data held about you</h1>\n<p>Person id: ").append(Html.escape(person.toString()))
                .append("<br>Prepared: ").append(Html.escape(generatedAt.toString())).append("</p>\n");
        if (sections.isEmpty()) {
            out.append("<p>We hold no personal data about you.</p>\n");
        }
        for (Section s : sections) {
            out.append("<h2>").append(Html.escape(s.module())).append(" &ndash; ")
                    .append(Html.escape(s.category().name())).append("</h2>\n<table>\n");
            row(out, "Records held", Integer.toString(s.records()));
            row(out, "Data", fields(s.category()));
            row(out, "Purposes", list(s.category().purposes()));
            row(out, "Lawful basis", list(s.category().lawfulBases()));
            row(out, "Sources", list(new ArrayList<>(s.sources())));
            row(out, "Shared with", s.category().recipients().isEmpty() ? "nobody"
                    : String.join(", ", s.category().recipients()));
            row(out, "Kept for", or(s.category().retention()));
            out.append("</table>\n");
        }
        if (!files.isEmpty()) {
            out.append("<h2>Files in the modules' own formats</h2>\n<ul>\n");
            files.forEach(f -> out.append("<li>").append(Html.escape(f)).append("</li>\n"));
            out.append("</ul>\n");
        }
        out.append("<h2>Your rights</h2>\n<ul>\n");
        for (String right : RIGHTS) {
            out.append("<li>").append(Html.escape(right)).append("</li>\n");
        }
        return out.append("</ul>\n</body></html>\n").toString();
    }

    private static void row(StringBuilder out, String label, String value) {
        out.append("<tr><th align=\"left\">").append(Html.escape(label)).append("</th><td>").append(Html.escape(value))
                .append("</td></tr>\n");
    }

    private static String fields(DataCategory category) {
        if (category.fields().isEmpty()) {
            return "not described";
        }
        List<String> names = new ArrayList<>();
        for (FieldDescription field : category.fields()) {
            names.add(field.description().isBlank() ? field.name() : field.name() + " (" + field.description() + ")");
        }
        return String.join(", ", names);
    }

    private static String list(List<String> values) {
        return values.isEmpty() ? "not stated" : String.join(", ", values);
    }

    private static String or(String value) {
        return value == null || value.isBlank() ? "not stated" : value;
    }
}
