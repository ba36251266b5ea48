package org.steward.contacts;

import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.steward.core.Actor;

/**
 * Imports contacts from CSV and vCard files, streaming, in batches of one transaction each, journaled: a crash leaves
 * the journal at the last committed batch and {@link #resume} continues there without losing or doubling a row.
 * Importing a file whose content was imported completely before does nothing. Needs {@code IMPORT} in module
 * {@code contacts}. Every rejected record is reported with its physical line number (where the record starts) and a
 * reason without personal values.
 */
@ProviderType
public interface ContactImport {

    ImportSummary importFile(Path file, ImportOptions options, ImportListener listener, Actor actor);

    /**
     * Continues an interrupted import of the same file.
     *
     * @throws org.steward.core.NotFoundException when there is no such import
     * @throws org.steward.core.ConflictException when the file changed since the import started
     */
    ImportSummary resume(String importId, Path file, ImportListener listener, Actor actor);

    /**
     * A dry run over the first {@code rows} records (1 to 1,000): the detected format and layout, the mapping per
     * column and each row's outcome, with nothing written and nothing audited but the preview itself. Needs
     * {@code IMPORT} in module {@code contacts}; fields the actor may not edit are refused as for an import.
     */
    ImportPreview preview(Path file, ImportOptions options, int rows, Actor actor);

    /** Imports not completed (interrupted by a crash or a stop), oldest first. */
    List<ImportSummary> unfinished(Actor actor);
}
