package org.steward.core;

/**
 * An installed Steward capability: a bundle whose manifest names it with the {@value #HEADER} header, ours or a
 * partner's.
 *
 * @param name the display name from the header
 * @param symbolicName the bundle symbolic name
 * @param version the bundle version
 * @param state the bundle state in words (ACTIVE, RESOLVED, STARTING, ...)
 * @param bundleId the framework's id of the bundle
 */
public record StewardModule(String name, String symbolicName, String version, String state, long bundleId) {

    /** The manifest header that marks a bundle as a Steward module and gives its display name. */
    public static final String HEADER = "Steward-Module";
}
