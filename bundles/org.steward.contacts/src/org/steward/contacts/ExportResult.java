package org.steward.contacts;

import java.nio.file.Path;
import java.util.List;

/**
 * What an export wrote.
 *
 * @param exported contacts written
 * @param restrictedLeftOut restricted people left out of a marketing export
 * @param fields the fields written
 * @param fieldsLeftOut fields the actor may not export (hidden, or needing a re-authentication) that were left out
 */
public record ExportResult(Path file, int exported, int restrictedLeftOut, List<String> fields,
        List<String> fieldsLeftOut) {
}
