package org.steward.retention;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.steward.core.Actor;

/**
 * Retention policies, the recycle-bin period and the purge over every installed retention participant. Every method
 * takes the acting principal, asks the permissions service (module {@value #MODULE}) and audits what it changes.
 */
@ProviderType
public interface RetentionService {

    /** The module name used for permissions and audit. */
    String MODULE = "retention";

    /**
     * The policy of every category of every participant installed now, sorted by module and category.
     *
     * @throws org.steward.core.AccessDeniedException without READ on {@value #MODULE}
     */
    List<RetentionPolicy> policies(Actor actor);

    /**
     * Sets the retention period of one category, overriding the module's default; 0 keeps the records until someone
     * deletes them. The override is stored and survives restarts and module updates.
     *
     * @throws org.steward.core.ValidationException when the module or category is not installed or the months are
     *             out of range (named)
     * @throws org.steward.core.AccessDeniedException without ADMINISTER on {@value #MODULE}
     */
    RetentionPolicy setMonths(String module, String category, int months, Actor actor);

    /** Removes the override of one category: the module's default applies again. */
    RetentionPolicy useDefault(String module, String category, Actor actor);

    /**
     * Runs a purge now: first completes every earlier run that was interrupted, then applies every policy and the
     * recycle-bin period in every participant. A dry run changes nothing and reports what a real run would do.
     *
     * @throws org.steward.core.AccessDeniedException without DELETE (READ for a dry run) on {@value #MODULE}
     */
    PurgeReport purge(boolean dryRun, Actor actor);

    /** The latest runs, newest first, with their steps. */
    List<PurgeReport> runs(int limit, Actor actor);

    /** Settings and state, for the console. */
    RetentionStatus status();
}
