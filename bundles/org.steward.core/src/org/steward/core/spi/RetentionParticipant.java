package org.steward.core.spi;

import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;
import org.steward.core.Actor;

/**
 * A module whose records age out: the retention module finds every participant dynamically and, once a day or from
 * the console, asks each one to move records past their retention period to its recycle bin (or anonymise them) and
 * to purge what has been in the recycle bin longer than the configured days (60 by default).
 *
 * <p>A module keeps its own recycle bin (design rule 1): deleting a record marks it deleted, every query of the module
 * leaves it out, and only {@link #purgeRecycleBin} removes it for good. Every method must be idempotent and safe to
 * repeat after a crash; a dry run changes nothing and reports what a real run would do.
 */
@ConsumerType
public interface RetentionParticipant {

    /** Service property naming the module, the same value as {@link #module()}. */
    String MODULE_PROPERTY = "steward.module";

    /** A short stable module name ({@code contacts}, {@code tickets}, ...). */
    String module();

    /** The categories of records the module can age out, with their defaults. */
    List<RetentionCategory> categories();

    /**
     * Applies the retention period of one category: every record whose reference time (last activity, closing time)
     * lies before {@code cutoff} is moved to the recycle bin or anonymised, as the category's action says.
     *
     * @param category a name from {@link #categories()}; another name is a validation error naming it
     * @param cutoff records older than this are due
     * @param dryRun when true nothing is changed; the result lists what would be
     * @param actor who runs the purge (the system for the daily run)
     */
    RetentionResult expire(String category, Instant cutoff, boolean dryRun, Actor actor);

    /** Deletes for good every record that was put in the recycle bin before {@code deletedBefore}. */
    RetentionResult purgeRecycleBin(Instant deletedBefore, boolean dryRun, Actor actor);
}
