package org.steward.core.spi;

import java.util.List;
import java.util.Objects;

/**
 * What one module holds about one person.
 *
 * @param module the module name
 * @param records every record about the person
 * @param files files in the module's own formats for portability (Art. 20), such as a vCard; since 1.2
 */
public record PersonalDataExport(String module, List<ExportedRecord> records, List<ExportedFile> files) {

    public PersonalDataExport {
        Objects.requireNonNull(module, "module");
        records = List.copyOf(records);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** An export of records only. */
    public PersonalDataExport(String module, List<ExportedRecord> records) {
        this(module, records, List.of());
    }

    public boolean isEmpty() {
        return records.isEmpty() && files.isEmpty();
    }
}
