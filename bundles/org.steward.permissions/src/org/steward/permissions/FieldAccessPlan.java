package org.steward.permissions;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which fields of a record type an actor may read and write for a purpose. Every field of the catalogue the module
 * passed is in exactly one of {@link #readable()} (possibly also {@link #writable()}),
 * {@link #reauthenticationRequired()} and {@link #hidden()}.
 *
 * @param module the module
 * @param type the record type
 * @param purpose what the fields are for
 * @param readable fields whose values may be shown (or exported, for {@link Purpose#EXPORT})
 * @param writable fields that may be changed; always readable too, except on a create-only profile
 * @param reauthenticationRequired sensitive fields the actor could reach after a recent re-authentication
 * @param hidden fields the actor may not see at all
 */
public record FieldAccessPlan(String module, String type, Purpose purpose, Set<String> readable, Set<String> writable,
        Set<String> reauthenticationRequired, Set<String> hidden) {

    public FieldAccessPlan {
        readable = sorted(readable);
        writable = sorted(writable);
        reauthenticationRequired = sorted(reauthenticationRequired);
        hidden = sorted(hidden);
    }

    private static Set<String> sorted(Set<String> names) {
        return Collections.unmodifiableSet(new TreeSet<>(names == null ? Set.of() : names));
    }

    public boolean canRead(String field) {
        return readable.contains(field);
    }

    public boolean canWrite(String field) {
        return writable.contains(field);
    }

    public boolean needsReauthentication(String field) {
        return reauthenticationRequired.contains(field);
    }

    /** The values of the readable fields only, in the given order: what a module may return to this actor. */
    public <V> Map<String, V> mask(Map<String, V> values) {
        Map<String, V> visible = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (readable.contains(name)) {
                visible.put(name, value);
            }
        });
        return visible;
    }
}
