package org.steward.contacts;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;
import org.steward.core.Actor;

/**
 * Exports contacts to CSV or vCard. Needs {@code EXPORT} in module {@code contacts}; fields the actor may not export
 * are left out; a sensitive field asked for explicitly needs the export permission on it and a recent
 * re-authentication ({@link org.steward.permissions.ReauthenticationRequiredException}). Every export is audited:
 * who, how many records, which fields.
 */
@ProviderType
public interface ContactExport {

    /**
     * @throws org.steward.core.ProcessingRestrictedException when a marketing export names a restricted person by id
     */
    ExportResult export(ExportRequest request, Path target, Actor actor);
}
