/**
 * Retention: how long each module keeps each category of records, the recycle-bin period, and the purge that applies
 * both every day (and on demand) in every installed {@link org.steward.core.spi.RetentionParticipant}. A purge is
 * journaled step by step, so that a run interrupted by a crash or a failing module completes later without repeating
 * a finished step; a dry run changes nothing and reports what a real run would do.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.steward.retention;
