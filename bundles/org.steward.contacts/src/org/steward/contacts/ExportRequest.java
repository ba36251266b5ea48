package org.steward.contacts;

import java.util.List;

/**
 * What to export.
 *
 * @param format {@link ImportFormat#CSV} or {@link ImportFormat#VCARD}
 * @param query contacts whose name starts with it or whose e-mail or phone equals it; empty for every visible contact
 * @param ids explicit contacts (then {@code query} is ignored)
 * @param fields the fields wanted; empty for every field the actor may export
 * @param marketing whether the export is for marketing: restricted people are then left out of a query selection, and
 *            refused when named in {@code ids}
 */
public record ExportRequest(ImportFormat format, String query, List<ContactId> ids, List<String> fields,
        boolean marketing) {

    public ExportRequest {
        format = format == null || format == ImportFormat.AUTO ? ImportFormat.CSV : format;
        query = query == null ? "" : query.strip();
        ids = ids == null ? List.of() : List.copyOf(ids);
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
