package org.steward.rights.internal;

import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings exported field values into the shapes the JSON Schema allows: text, number, boolean, null, or a list of
 * those. Nested maps become dotted field names ({@code address.city}); anything else becomes its text.
 */
final class Values {

    private Values() {
    }

    static Map<String, Object> flatten(Map<String, Object> fields) {
        Map<String, Object> flat = new LinkedHashMap<>();
        fields.forEach((name, value) -> put(flat, name, value));
        return flat;
    }

    private static void put(Map<String, Object> flat, String name, Object value) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> put(flat, name + "." + k, v));
        } else if (value instanceof Collection<?> items) {
            List<Object> list = new ArrayList<>(items.size());
            items.forEach(item -> list.add(scalar(item)));
            flat.put(name, list);
        } else if (value instanceof Object[] items) {
            put(flat, name, List.of(items));
        } else {
            flat.put(name, scalar(value));
        }
    }

    private static Object scalar(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof TemporalAccessor || value instanceof Enum<?>) {
            return value.toString();
        }
        return String.valueOf(value);
    }

    /** One cell of a CSV file or line of the summary. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> items) {
            return String.join("; ", items.stream().map(Values::text).toList());
        }
        return value.toString();
    }
}
