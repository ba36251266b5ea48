package org.steward.core.spi;

import java.util.List;
import java.util.Objects;

/**
 * What one module holds about one person.
 *
 * @param module the module name
 * @param records every record about the person
 */
public record PersonalDataExport(String module, List<ExportedRecord> records) {

    public PersonalDataExport {
        Objects.requireNonNull(module, "module");
        records = List.copyOf(records);
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }
}
