package org.steward.contacts.internal;

import java.util.Map;

import org.steward.contacts.ImportPreview;

/** A preview as the console prints it: format and layout, where each column goes, each row's outcome. */
final class ImportPreviewText {

    private ImportPreviewText() {
    }

    static String of(ImportPreview preview) {
        StringBuilder out = new StringBuilder();
        out.append("Preview of ").append(preview.fileName()).append(": ").append(preview.format()).append(", layout ")
                .append(preview.layout().isEmpty() ? "not recognised" : preview.layout()).append(", ")
                .append(preview.rows().size()).append(" records read; nothing was imported.\nColumns:\n");
        for (ImportPreview.ColumnMapping c : preview.columns()) {
            out.append("  \"").append(c.column()).append("\" -> ").append(c.field() == null ? "(not used)"
                    : c.field()).append('\n');
        }
        out.append("Rows:\n");
        for (ImportPreview.RowOutcome row : preview.rows()) {
            out.append("  line ").append(row.line()).append("  ").append(row.outcome());
            if (row.outcome() == ImportPreview.Outcome.REJECTED) {
                out.append("  ").append(row.reason()).append('\n');
                continue;
            }
            String separator = "  ";
            for (Map.Entry<String, String> value : row.values().entrySet()) {
                out.append(separator).append(value.getKey()).append('=')
                        .append(value.getValue().replace("\r", "").replace("\n", " / "));
                separator = ", ";
            }
            out.append('\n');
            for (String note : row.notes()) {
                out.append("      ").append(note).append('\n');
            }
        }
        return out.toString().stripTrailing();
    }
}
