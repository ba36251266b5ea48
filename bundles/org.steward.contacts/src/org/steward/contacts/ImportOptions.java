package org.steward.contacts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to read an import file.
 *
 * @param format the file format; {@link ImportFormat#AUTO} decides by the file name and its first line
 * @param delimiter the CSV delimiter, {@code ,} or {@code ;}; {@code 0} detects it from the header line
 * @param mapping CSV header name to field name ({@code firstName}, {@code email}, {@code address.city},
 *            {@code custom.x}, {@code tags}); a column not named here is mapped by the recognised layout of the
 *            header or by its name (see docs/CONTACTS.md)
 * @param batchSize rows committed per transaction (100 to 20,000)
 * @param defaultRegion the ISO 3166-1 alpha-2 region in which national phone numbers are read when the row gives no
 *            country; empty takes the configured default
 * @param dateOrder how numeric dates like {@code 3/4/1980} are read; null reads only unambiguous ones
 * @param keepUnmappedColumns whether columns no field is mapped to are kept as custom fields (defined as personal
 *            data, named after the column) instead of being counted and left out
 */
public record ImportOptions(ImportFormat format, char delimiter, Map<String, String> mapping, int batchSize,
        String defaultRegion, DateOrder dateOrder, boolean keepUnmappedColumns) {

    public static final int DEFAULT_BATCH = 2000;

    public ImportOptions {
        format = format == null ? ImportFormat.AUTO : format;
        mapping = Collections.unmodifiableMap(new LinkedHashMap<>(mapping == null ? Map.of() : mapping));
        batchSize = batchSize <= 0 ? DEFAULT_BATCH : Math.max(100, Math.min(20_000, batchSize));
        defaultRegion = defaultRegion == null ? "" : defaultRegion.strip();
    }

    /** The options of API 1.1: the configured default region, unambiguous dates only, unmapped columns left out. */
    public ImportOptions(ImportFormat format, char delimiter, Map<String, String> mapping, int batchSize) {
        this(format, delimiter, mapping, batchSize, "", null, false);
    }

    public static ImportOptions defaults() {
        return new ImportOptions(ImportFormat.AUTO, (char) 0, Map.of(), DEFAULT_BATCH);
    }

    /** Parses {@code Header=field,Header 2=field2} as typed on the console. */
    public static Map<String, String> parseMapping(String text) {
        Map<String, String> mapping = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return mapping;
        }
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new org.steward.core.ValidationException("mapping",
                        "must be Header=field pairs separated by commas");
            }
            mapping.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return mapping;
    }
}
