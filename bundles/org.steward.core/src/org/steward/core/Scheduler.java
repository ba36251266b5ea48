package org.steward.core;

import java.time.Duration;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The one place where Steward's modules run periodic and background work, instead of a thread pool each. Every task
 * belongs to the bundle that scheduled it: when that bundle's service reference is released (its component
 * deactivates, the bundle stops) its tasks are cancelled, so a stopped module leaves nothing running. A task that
 * throws is logged and keeps its schedule; the next run does not start before the previous one ended.
 *
 * @since 1.3
 */
@ProviderType
public interface Scheduler {

    /**
     * Runs {@code task} every {@code period}, the first time after {@code initialDelay}.
     *
     * @param name what the task does, for the log and the thread name (no personal value)
     */
    Task every(String name, Duration initialDelay, Duration period, Runnable task);

    /** Runs {@code task} once, after {@code delay} (zero for now), on the scheduler's threads. */
    Task once(String name, Duration delay, Runnable task);

    /** A scheduled task. */
    @ProviderType
    interface Task extends AutoCloseable {

        /** Cancels the task; a run in progress is interrupted. Cancelling twice does nothing. */
        void cancel();

        /** Whether the task was cancelled or, for {@link Scheduler#once}, has run. */
        boolean isDone();

        @Override
        default void close() {
            cancel();
        }
    }
}
