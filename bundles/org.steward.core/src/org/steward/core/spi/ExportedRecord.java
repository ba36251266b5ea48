package org.steward.core.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One record handed over for an access or portability request.
 *
 * @param category the data category it belongs to (see {@link DataCategory#name()})
 * @param type the record type ({@code contact}, {@code ticket}, {@code message}, ...)
 * @param id the module's id of the record
 * @param fields field values in display order; values are strings, numbers, booleans or ISO-8601 texts
 * @param source where the record came from, in words (web form, import, ...); empty when unknown
 */
public record ExportedRecord(String category, String type, String id, Map<String, Object> fields, String source) {

    public ExportedRecord {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        source = source == null ? "" : source;
    }
}
