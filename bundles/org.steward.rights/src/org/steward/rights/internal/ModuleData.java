package org.steward.rights.internal;

import java.util.List;
import java.util.Objects;

import org.steward.core.spi.DataCategory;
import org.steward.core.spi.ExportedFile;
import org.steward.core.spi.ExportedRecord;

/**
 * What one module declared and handed over for one person, as the export package shows it: its records, and files in
 * formats of its own (written to the module's folder of the package as they are).
 */
record ModuleData(String module, List<DataCategory> categories, List<ExportedRecord> records,
        List<ExportedFile> files) {

    ModuleData {
        Objects.requireNonNull(module, "module");
        categories = List.copyOf(categories);
        records = List.copyOf(records);
        files = files == null ? List.of() : List.copyOf(files);
    }

    ModuleData(String module, List<DataCategory> categories, List<ExportedRecord> records) {
        this(module, categories, records, List.of());
    }

    /** The path of one of the module's files inside the package. */
    String path(ExportedFile file) {
        return ExportPackage.slug(module) + "/" + file.name();
    }
}
