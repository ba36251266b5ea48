package org.steward.rights.tests;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.steward.core.Actor;
import org.steward.core.DataClassification;
import org.steward.core.PersonId;
import org.steward.core.ValidationException;
import org.steward.core.spi.DataCategory;
import org.steward.core.spi.DataDescription;
import org.steward.core.spi.ErasureOutcome;
import org.steward.core.spi.ExportedFile;
import org.steward.core.spi.ExportedRecord;
import org.steward.core.spi.FieldDescription;
import org.steward.core.spi.PersonalDataExport;
import org.steward.core.spi.PersonalDataProvider;

/**
 * A partner module's provider as the test bundle registers it: records in memory, by person. It can simulate a crash
 * (the thread dies with an {@link Error}, as on a kill) on its first erasure.
 */
final class MemoryProvider implements PersonalDataProvider, AutoCloseable {

    /** What a kill looks like to the code around the provider: nothing catches it, nothing after it runs. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedCrash() {
            super("simulated crash in the middle of an erasure");
        }
    }

    private final String module;
    private final DataCategory category;
    private final String type;
    private final Map<PersonId, List<Map<String, Object>>> records = new ConcurrentHashMap<>();
    private final Map<PersonId, String> sources = new ConcurrentHashMap<>();
    private final Map<PersonId, List<ExportedFile>> files = new ConcurrentHashMap<>();
    private final Set<PersonId> restricted = ConcurrentHashMap.newKeySet();
    final AtomicInteger eraseCalls = new AtomicInteger();
    private volatile boolean crashOnFirstErase;
    private ServiceRegistration<PersonalDataProvider> registration;

    MemoryProvider(String module, String type, DataCategory category) {
        this.module = module;
        this.type = type;
        this.category = category;
    }

    static DataCategory category(String name, List<String> fields, String purpose, String basis, String recipient,
            String retention) {
        return new DataCategory(name, fields.stream()
                .map(f -> new FieldDescription(f, DataClassification.PERSONAL, "the " + f)).toList(),
                List.of(purpose), List.of(basis), recipient == null ? List.of() : List.of(recipient), retention);
    }

    MemoryProvider crashOnFirstErase() {
        crashOnFirstErase = true;
        return this;
    }

    MemoryProvider register(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(MODULE_PROPERTY, module);
        registration = context.registerService(PersonalDataProvider.class, this, properties);
        return this;
    }

    @Override
    public void close() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // unregistered with the test bundle
            }
            registration = null;
        }
    }

    void plant(PersonId person, Map<String, Object> fields, String source) {
        records.computeIfAbsent(person, p -> new ArrayList<>()).add(new LinkedHashMap<>(fields));
        sources.put(person, source);
    }

    /** A file in the module's own format that the export of the person hands over (as the contacts vCard). */
    void attach(PersonId person, ExportedFile file) {
        files.computeIfAbsent(person, p -> new ArrayList<>()).add(file);
    }

    List<Map<String, Object>> held(PersonId person) {
        return records.getOrDefault(person, List.of());
    }

    @Override
    public String module() {
        return module;
    }

    @Override
    public DataDescription describe() {
        return new DataDescription(module, List.of(category));
    }

    @Override
    public PersonalDataExport export(PersonId person, Actor actor) {
        List<ExportedRecord> exported = new ArrayList<>();
        List<Map<String, Object>> held = held(person);
        for (int i = 0; i < held.size(); i++) {
            exported.add(new ExportedRecord(category.name(), type, module + "-" + person + "-" + i, held.get(i),
                    sources.get(person)));
        }
        return new PersonalDataExport(module, exported, files.getOrDefault(person, List.of()));
    }

    @Override
    public int rectify(PersonId person, Map<String, String> corrections, Actor actor) {
        for (String field : corrections.keySet()) {
            if (category.fields().stream().noneMatch(f -> f.name().equals(field))) {
                throw new ValidationException(field, "is not held by " + module);
            }
        }
        held(person).forEach(r -> r.putAll(corrections));
        return held(person).size();
    }

    @Override
    public void restrict(PersonId person, boolean on, Actor actor) {
        if (on) {
            restricted.add(person);
        } else {
            restricted.remove(person);
        }
    }

    @Override
    public boolean isRestricted(PersonId person) {
        return restricted.contains(person);
    }

    @Override
    public ErasureOutcome erase(PersonId person, Actor actor) {
        if (eraseCalls.incrementAndGet() == 1 && crashOnFirstErase) {
            throw new SimulatedCrash();
        }
        List<Map<String, Object>> removed = records.remove(person);
        sources.remove(person);
        files.remove(person);
        restricted.remove(person);
        return new ErasureOutcome(removed == null ? 0 : removed.size(), 0, List.of());
    }
}
