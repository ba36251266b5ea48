package org.steward.encryption;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A copy of the key store.
 *
 * @param takenAt when it was taken (UTC)
 * @param folder the folder that holds the copy
 * @param files how many files were copied
 * @param bytes their size
 */
public record KeyBackup(Instant takenAt, Path folder, long files, long bytes) {
}
