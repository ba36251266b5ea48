package org.steward.encryption;

import java.time.Duration;

/**
 * The outcome of a master-key rotation.
 *
 * @param fromVersion the master key version before
 * @param toVersion the new master key version
 * @param rewrapped how many data keys were re-wrapped
 * @param took how long it took
 */
public record RotationReport(int fromVersion, int toVersion, long rewrapped, Duration took) {
}
