package org.steward.rights.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

import org.steward.core.spi.PersonalDataProvider;

/**
 * The personal-data providers registered now, by module name. A module appears when its provider is registered and
 * drops out when it goes away; a second provider for the same module name replaces the first only while registered.
 */
final class Providers {

    private final Map<String, List<PersonalDataProvider>> byModule = new ConcurrentSkipListMap<>();

    void add(PersonalDataProvider provider, Map<String, Object> properties) {
        String module = module(provider, properties);
        byModule.compute(module, (m, list) -> {
            List<PersonalDataProvider> next = list == null ? new ArrayList<>() : new ArrayList<>(list);
            next.add(provider);
            return next;
        });
    }

    void remove(PersonalDataProvider provider, Map<String, Object> properties) {
        String module = module(provider, properties);
        byModule.computeIfPresent(module, (m, list) -> {
            List<PersonalDataProvider> next = new ArrayList<>(list);
            next.removeIf(p -> p == provider);
            return next.isEmpty() ? null : next;
        });
    }

    /** The modules with a provider, in name order (the order of erasure steps). */
    List<String> modules() {
        return List.copyOf(byModule.keySet());
    }

    Optional<PersonalDataProvider> get(String module) {
        List<PersonalDataProvider> list = byModule.get(module);
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
    }

    /** One provider per module, in module-name order. */
    List<Map.Entry<String, PersonalDataProvider>> all() {
        List<Map.Entry<String, PersonalDataProvider>> all = new ArrayList<>();
        for (String module : modules()) {
            get(module).ifPresent(p -> all.add(Map.entry(module, p)));
        }
        all.sort(Comparator.comparing(Map.Entry::getKey));
        return all;
    }

    private static String module(PersonalDataProvider provider, Map<String, Object> properties) {
        Object property = properties.get(PersonalDataProvider.MODULE_PROPERTY);
        if (property != null && !property.toString().isBlank()) {
            return property.toString().trim();
        }
        try {
            return provider.module();
        } catch (RuntimeException e) {
            return "unnamed-" + System.identityHashCode(provider);
        }
    }
}
