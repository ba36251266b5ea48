package org.steward.contacts.internal;

import java.util.Map;

import org.steward.contacts.DateOrder;
import org.steward.contacts.ImportFormat;

/**
 * One import as its journal row ({@code CONTACTS_IMPORT}) holds it: the file, the options (a resumed run reads the
 * file as the first one did), the last committed line, the counts and the per-column counts ({@link ImportColumns}).
 */
record Journal(String id, String hash, String fileName, ImportFormat format, char delimiter,
        Map<String, String> mapping, int batchSize, String status, long lastLine, long records, long imported,
        long rejected, long startedAt, String layout, String defaultRegion, DateOrder dateOrder,
        boolean keepUnmappedColumns, String columnCounts) {
}
