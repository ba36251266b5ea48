package org.steward.rights.internal;

import java.util.List;
import java.util.Objects;

import org.steward.core.spi.DataCategory;
import org.steward.core.spi.ExportedRecord;

/** What one module declared and handed over for one person, as the export package shows it. */
record ModuleData(String module, List<DataCategory> categories, List<ExportedRecord> records) {

    ModuleData {
        Objects.requireNonNull(module, "module");
        categories = List.copyOf(categories);
        records = List.copyOf(records);
    }
}
