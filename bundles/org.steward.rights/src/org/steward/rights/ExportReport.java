package org.steward.rights;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.steward.core.PersonId;

/**
 * What an access or portability package holds.
 *
 * @param file the zip file written
 * @param recordsPerModule how many records each module contributed ({@code audit} for the audit entries)
 * @param entries the names of the files inside the zip
 * @param bytes the size of the zip
 */
public record ExportReport(PersonId person, Path file, Map<String, Integer> recordsPerModule, List<String> entries,
        long bytes) {

    public ExportReport {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(file, "file");
        recordsPerModule = Map.copyOf(recordsPerModule);
        entries = List.copyOf(entries);
    }

    public int records() {
        return recordsPerModule.values().stream().mapToInt(Integer::intValue).sum();
    }
}
