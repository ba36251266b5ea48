package org.steward.contacts.internal;

import java.util.Map;

import org.steward.contacts.ImportFormat;

/** One import as its journal row ({@code CONTACTS_IMPORT}) holds it: the file, the options, the last committed line. */
record Journal(String id, String hash, String fileName, ImportFormat format, char delimiter,
        Map<String, String> mapping, int batchSize, String status, long lastLine, long records, long imported,
        long rejected, long startedAt) {
}
