package org.steward.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.steward.core.Scheduler;
import org.steward.testing.Osgi;

/** Core's {@link Scheduler} service as the framework hands it to bundles. */
class SchedulerTest {

    private static final Duration SHORT = Duration.ofMillis(20);

    private final BundleContext context = Osgi.context(SchedulerTest.class);

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Osgi.sleep(10);
        }
    }

    @Test
    void runsAPeriodicTaskUntilItIsCancelled() {
        Scheduler scheduler = Osgi.service(context, Scheduler.class);
        AtomicInteger runs = new AtomicInteger();
        Scheduler.Task task = scheduler.every("count runs", Duration.ZERO, SHORT, runs::incrementAndGet);
        await("three runs", () -> runs.get() >= 3);
        assertFalse(task.isDone());
        task.cancel();
        assertTrue(task.isDone());
        Osgi.sleep(60);
        int after = runs.get();
        Osgi.sleep(150);
        assertEquals(after, runs.get(), "a cancelled task does not run again");
        task.close(); // a second cancel does nothing
    }

    @Test
    void runsAOneShotTaskOnceAfterItsDelay() throws Exception {
        Scheduler scheduler = Osgi.service(context, Scheduler.class);
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch ran = new CountDownLatch(1);
        long start = System.nanoTime();
        long[] startedAfter = new long[1];
        Scheduler.Task task = scheduler.once("run once", Duration.ofMillis(150), () -> {
            startedAfter[0] = System.nanoTime() - start;
            runs.incrementAndGet();
            ran.countDown();
        });
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        assertTrue(startedAfter[0] >= TimeUnit.MILLISECONDS.toNanos(150), "not before its delay");
        await("done once it ran", task::isDone);
        Osgi.sleep(100);
        assertEquals(1, runs.get());
    }

    @Test
    void aOneShotTaskCancelledBeforeItsTimeNeverRuns() {
        Scheduler scheduler = Osgi.service(context, Scheduler.class);
        AtomicInteger runs = new AtomicInteger();
        Scheduler.Task task = scheduler.once("cancelled early", Duration.ofMillis(200), runs::incrementAndGet);
        task.cancel();
        assertTrue(task.isDone());
        Osgi.sleep(400);
        assertEquals(0, runs.get());
    }

    @Test
    void aTaskThatThrowsKeepsItsSchedule() {
        Scheduler scheduler = Osgi.service(context, Scheduler.class);
        AtomicInteger runs = new AtomicInteger();
        try (Scheduler.Task task = scheduler.every("fails every time", Duration.ZERO, SHORT, () -> {
            runs.incrementAndGet();
            throw new IllegalStateException("this run failed");
        })) {
            await("runs after failures", () -> runs.get() >= 4);
            assertFalse(task.isDone(), "still scheduled after its failures");
        }
    }

    @Test
    void argumentsAreChecked() {
        Scheduler scheduler = Osgi.service(context, Scheduler.class);
        assertThrows(IllegalArgumentException.class, () -> scheduler.every("no period", SHORT, Duration.ZERO, () -> {
        }));
        assertThrows(IllegalArgumentException.class, () -> scheduler.once(" ", SHORT, () -> {
        }));
        assertThrows(NullPointerException.class, () -> scheduler.once("no task", SHORT, null));
    }

    @Test
    void aBundlesTasksAreCancelledWhenThatBundleReleasesTheService() throws Exception {
        BundleContext other = otherBundle().getBundleContext();
        assertNotNull(other, "the other bundle is active");
        ServiceReference<Scheduler> reference = other.getServiceReference(Scheduler.class);
        Scheduler theirs = other.getService(reference);
        Scheduler ours = Osgi.service(context, Scheduler.class);
        assertNotSame(ours, theirs, "each bundle gets its own view");

        AtomicInteger theirRuns = new AtomicInteger();
        AtomicInteger ourRuns = new AtomicInteger();
        Scheduler.Task theirTask = theirs.every("their task", Duration.ZERO, SHORT, theirRuns::incrementAndGet);
        Scheduler.Task theirLater = theirs.once("their later task", Duration.ofMillis(500), theirRuns::incrementAndGet);
        try (Scheduler.Task ourTask = ours.every("our task", Duration.ZERO, SHORT, ourRuns::incrementAndGet)) {
            await("both run", () -> theirRuns.get() >= 2 && ourRuns.get() >= 2);

            assertTrue(other.ungetService(reference), "the other bundle's use is released");
            await("their tasks are cancelled", () -> theirTask.isDone() && theirLater.isDone());
            Osgi.sleep(60);
            int theirsAfter = theirRuns.get();
            int oursAfter = ourRuns.get();
            Osgi.sleep(700);
            assertEquals(theirsAfter, theirRuns.get(), "the released bundle's tasks, periodic and one-shot, stopped");
            assertTrue(ourRuns.get() > oursAfter, "the test bundle's task goes on");
            assertFalse(ourTask.isDone());
        }
        Scheduler again = other.getService(other.getServiceReference(Scheduler.class));
        try {
            assertNotSame(theirs, again, "a bundle that gets the service again gets a new view");
            AtomicInteger runs = new AtomicInteger();
            again.once("after the release", Duration.ZERO, runs::incrementAndGet);
            await("the new view runs tasks", () -> runs.get() == 1);
            assertThrows(IllegalStateException.class, () -> theirs.once("on the released view", Duration.ZERO,
                    () -> {
                    }), "a released view takes no new task");
        } finally {
            other.ungetService(other.getServiceReference(Scheduler.class));
        }
    }

    /** An active bundle that uses no scheduler of its own: the shared test-support bundle. */
    private Bundle otherBundle() throws Exception {
        Bundle bundle = Osgi.bundle(context, "org.steward.testing");
        if (bundle.getState() != Bundle.ACTIVE) {
            bundle.start();
        }
        return bundle;
    }
}
