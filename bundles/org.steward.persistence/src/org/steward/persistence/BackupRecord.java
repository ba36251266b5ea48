package org.steward.persistence;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * One online backup.
 *
 * @param takenAt when it started (UTC)
 * @param folder the folder that holds the copy
 * @param bytes its size on disk
 * @param took how long it took
 */
public record BackupRecord(Instant takenAt, Path folder, long bytes, Duration took) {
}
