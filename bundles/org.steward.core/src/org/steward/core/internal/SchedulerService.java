package org.steward.core.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.steward.core.Scheduler;

/**
 * One small pool for every module's periodic work. Registered with bundle scope: each bundle gets its own view whose
 * tasks are cancelled when the bundle releases the service, so a stopped module's tasks stop with it.
 */
@Component(service = Scheduler.class, scope = ServiceScope.BUNDLE)
public final class SchedulerService implements Scheduler {

    private static final Pool POOL = new Pool();

    private final Set<Handle> tasks = ConcurrentHashMap.newKeySet();
    private final Logger logger;
    /** Set when the using bundle released the service: a late call must not leave a task nobody can cancel. */
    private volatile boolean released;

    @Activate
    public SchedulerService(@Reference(service = LoggerFactory.class) Logger logger) {
        this.logger = logger;
        POOL.acquire();
    }

    @Deactivate
    void deactivate() {
        released = true;
        for (Handle task : tasks) {
            task.cancel();
        }
        POOL.release();
    }

    @Override
    public Task every(String name, Duration initialDelay, Duration period, Runnable task) {
        Objects.requireNonNull(task, "task");
        if (period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the period of a periodic task is positive");
        }
        Handle handle = register(name);
        try {
            handle.scheduled(POOL.executor().scheduleWithFixedDelay(() -> handle.run(task), millis(initialDelay),
                    period.toMillis(), TimeUnit.MILLISECONDS));
        } catch (RuntimeException e) {
            tasks.remove(handle);
            throw e;
        }
        return handle;
    }

    @Override
    public Task once(String name, Duration delay, Runnable task) {
        Objects.requireNonNull(task, "task");
        Handle handle = register(name);
        try {
            handle.scheduled(POOL.executor().schedule(() -> {
                try {
                    handle.run(task);
                } finally {
                    tasks.remove(handle);
                }
            }, millis(delay), TimeUnit.MILLISECONDS));
        } catch (RuntimeException e) {
            tasks.remove(handle);
            throw e;
        }
        return handle;
    }

    /**
     * Records the task before it is scheduled: a one-shot task that ran before being recorded would stay recorded
     * for ever, and a deactivation between scheduling and recording would miss the task and leave it running.
     */
    private Handle register(String name) {
        Handle handle = new Handle(name(name));
        tasks.add(handle);
        if (released) {
            tasks.remove(handle);
            throw new IllegalStateException("the scheduler service was released by the bundle that got it");
        }
        return handle;
    }

    private static String name(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a task has a name");
        }
        return name;
    }

    private static long millis(Duration delay) {
        return delay == null || delay.isNegative() ? 0 : delay.toMillis();
    }

    private final class Handle implements Task {

        private final String name;
        private volatile ScheduledFuture<?> future;
        private volatile boolean cancelled;

        Handle(String name) {
            this.name = name;
        }

        /** Takes the future; a cancel that came before it (from another thread) is applied now. */
        void scheduled(ScheduledFuture<?> scheduled) {
            future = scheduled;
            if (cancelled) {
                scheduled.cancel(true);
            }
        }

        void run(Runnable task) {
            Thread thread = Thread.currentThread();
            String before = thread.getName();
            thread.setName("steward-scheduler: " + name);
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                // one failed run must not end the schedule (ScheduledExecutorService would stop it silently)
                logger.warn("Scheduled task '{}' failed: {}", name, e.getClass().getSimpleName());
            } finally {
                thread.setName(before);
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            ScheduledFuture<?> f = future;
            if (f != null) {
                f.cancel(true);
            }
            tasks.remove(this);
        }

        @Override
        public boolean isDone() {
            ScheduledFuture<?> f = future;
            return cancelled || f != null && f.isDone();
        }
    }

    /** The threads, shared by every bundle's view, created with the first view and ended with the last. */
    private static final class Pool {

        private ScheduledThreadPoolExecutor executor;
        private int users;

        synchronized void acquire() {
            if (users++ == 0) {
                AtomicInteger count = new AtomicInteger();
                ThreadFactory threads = r -> {
                    Thread thread = new Thread(r, "steward-scheduler-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                };
                executor = new ScheduledThreadPoolExecutor(2, threads);
                executor.setRemoveOnCancelPolicy(true);
                executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            }
        }

        synchronized void release() {
            if (--users == 0) {
                executor.shutdownNow();
                executor = null;
            }
        }

        synchronized ScheduledExecutorService executor() {
            if (executor == null) {
                throw new IllegalStateException("the scheduler is stopped");
            }
            return executor;
        }
    }
}
