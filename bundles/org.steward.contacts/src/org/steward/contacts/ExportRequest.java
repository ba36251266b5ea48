package org.steward.contacts;

import java.util.List;

/**
 * What to export.
 *
 * @param format {@link ImportFormat#CSV} or {@link ImportFormat#VCARD}; follows {@code layout} when one is given
 * @param query contacts whose name starts with it or whose e-mail or phone equals it; empty for every visible contact
 * @param ids explicit contacts (then {@code query} is ignored)
 * @param fields the fields wanted; empty for every field the actor may export
 * @param marketing whether the export is for marketing: restricted people are then left out of a query selection, and
 *            refused when named in {@code ids}
 * @param layout the file's layout; null takes Steward's CSV for {@code CSV} and vCard 4.0 for {@code VCARD}
 * @since 1.2
 */
public record ExportRequest(ImportFormat format, String query, List<ContactId> ids, List<String> fields,
        boolean marketing, ExportLayout layout) {

    public ExportRequest {
        if (layout == null) {
            layout = format == ImportFormat.VCARD ? ExportLayout.VCARD_4 : ExportLayout.STEWARD_CSV;
        }
        format = layout.format();
        query = query == null ? "" : query.strip();
        ids = ids == null ? List.of() : List.copyOf(ids);
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** The request of API 1.1: Steward's CSV or vCard 4.0. */
    public ExportRequest(ImportFormat format, String query, List<ContactId> ids, List<String> fields,
            boolean marketing) {
        this(format, query, ids, fields, marketing, null);
    }
}
