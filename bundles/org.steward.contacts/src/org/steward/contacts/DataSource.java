package org.steward.contacts;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a record, or a part of it, came from. A contact keeps every source it ever had, through merges too.
 * Personal values among the details (the IP address, the user agent) are stored encrypted.
 *
 * @param type the kind of source
 * @param name the form name, file name, user id, client id or integration name
 * @param details further facts by kind: {@code ip}, {@code userAgent} for web forms, {@code line} and
 *            {@code importId} for imports, {@code ticketId} for the helpdesk
 * @param at when the data was collected
 */
public record DataSource(SourceType type, String name, Map<String, String> details, Instant at) {

    public DataSource {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        name = name == null ? "" : name;
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details == null ? Map.of() : details));
    }

    public static DataSource webForm(String formName, String ipAddress, String userAgent, Instant at) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("ip", ipAddress);
        details.put("userAgent", userAgent);
        details.values().removeIf(Objects::isNull);
        return new DataSource(SourceType.WEB_FORM, formName, details, at);
    }

    public static DataSource fileImport(String fileName, long line, String importId, String userId, Instant at) {
        return new DataSource(SourceType.IMPORT, fileName,
                Map.of("line", Long.toString(line), "importId", importId, "user", userId), at);
    }

    public static DataSource manual(String userId, Instant at) {
        return new DataSource(SourceType.MANUAL, userId, Map.of(), at);
    }

    public static DataSource api(String clientId, Instant at) {
        return new DataSource(SourceType.API, clientId, Map.of(), at);
    }

    public static DataSource integration(String integrationName, Instant at) {
        return new DataSource(SourceType.INTEGRATION, integrationName, Map.of(), at);
    }

    public static DataSource helpdesk(String ticketId, Instant at) {
        return new DataSource(SourceType.HELPDESK, "helpdesk", Map.of("ticketId", ticketId), at);
    }
}
