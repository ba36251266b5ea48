package org.steward.retention.tests;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.steward.core.Actor;
import org.steward.core.ValidationException;
import org.steward.core.spi.RetentionCategory;
import org.steward.core.spi.RetentionParticipant;
import org.steward.core.spi.RetentionResult;

/**
 * A test double of a module that takes part in retention, with an in-memory recycle bin: it keeps its records, answers
 * the retention module like a real module would, records every call and can be told to fail.
 */
final class FakeModule implements RetentionParticipant {

    /** A record: its category, its reference time (last activity, closing), when it went to the recycle bin. */
    static final class Item {
        final String category;
        final Instant reference;
        volatile Instant deletedAt;
        volatile boolean anonymised;

        Item(String category, Instant reference, Instant deletedAt) {
            this.category = category;
            this.reference = reference;
            this.deletedAt = deletedAt;
        }
    }

    /** One call from the retention module. */
    record Call(String category, Instant cutoff, boolean dryRun, String actorId) {
    }

    private final String module;
    private final List<RetentionCategory> categories;
    private final Clock clock;
    final Map<String, Item> items = new ConcurrentHashMap<>();
    /** How often each record was purged or anonymised for real: never more than once. */
    final Map<String, AtomicInteger> changes = new ConcurrentHashMap<>();
    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile String failingCategory;
    private ServiceRegistration<RetentionParticipant> registration;

    FakeModule(String module, Clock clock, RetentionCategory... categories) {
        this.module = module;
        this.clock = clock;
        this.categories = List.of(categories);
    }

    FakeModule register(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(RetentionParticipant.MODULE_PROPERTY, module);
        registration = context.registerService(RetentionParticipant.class, this, properties);
        return this;
    }

    void unregister() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
    }

    /** The next {@code times} calls for the category throw, as a module that crashed would. */
    void failNext(String category, int times) {
        failingCategory = category;
        failuresLeft.set(times);
    }

    void add(String id, String category, Instant reference) {
        items.put(id, new Item(category, reference, null));
    }

    void addDeleted(String id, Instant deletedAt) {
        items.put(id, new Item("deleted", deletedAt, deletedAt));
    }

    boolean inRecycleBin(String id) {
        Item item = items.get(id);
        return item != null && item.deletedAt != null;
    }

    boolean exists(String id) {
        return items.containsKey(id);
    }

    List<Call> calls(String category) {
        return calls.stream().filter(c -> c.category().equals(category)).toList();
    }

    @Override
    public String module() {
        return module;
    }

    @Override
    public List<RetentionCategory> categories() {
        return categories;
    }

    private void maybeFail(String category) {
        if (category.equals(failingCategory) && failuresLeft.getAndDecrement() > 0) {
            throw new IllegalStateException("simulated crash of " + module);
        }
    }

    @Override
    public RetentionResult expire(String category, Instant cutoff, boolean dryRun, Actor actor) {
        calls.add(new Call(category, cutoff, dryRun, actor.userId()));
        RetentionCategory found = categories.stream().filter(c -> c.name().equals(category)).findFirst()
                .orElseThrow(() -> new ValidationException("category", "unknown"));
        maybeFail(category);
        List<String> due = new ArrayList<>();
        items.forEach((id, item) -> {
            if (item.category.equals(category) && item.deletedAt == null && !item.anonymised
                    && item.reference.isBefore(cutoff)) {
                due.add(id);
            }
        });
        due.sort(null);
        if (!dryRun) {
            for (String id : due) {
                switch (found.action()) {
                    case RECYCLE -> items.get(id).deletedAt = clock.instant();
                    case ANONYMISE -> items.get(id).anonymised = true;
                    case DELETE -> items.remove(id);
                }
                changes.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            }
        }
        return new RetentionResult(module, category, due.size(), due, dryRun);
    }

    @Override
    public RetentionResult purgeRecycleBin(Instant deletedBefore, boolean dryRun, Actor actor) {
        calls.add(new Call(RetentionResult.RECYCLE_BIN, deletedBefore, dryRun, actor.userId()));
        maybeFail(RetentionResult.RECYCLE_BIN);
        List<String> due = new ArrayList<>();
        items.forEach((id, item) -> {
            if (item.deletedAt != null && item.deletedAt.isBefore(deletedBefore)) {
                due.add(id);
            }
        });
        due.sort(null);
        if (!dryRun) {
            for (String id : due) {
                items.remove(id);
                changes.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            }
        }
        return new RetentionResult(module, RetentionResult.RECYCLE_BIN, due.size(), due, dryRun);
    }
}
