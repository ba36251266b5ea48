package org.steward.core;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where Steward keeps its files: database, key stores, logs, run-time files, exports. Set with the framework or system
 * property {@value #PROPERTY}; it is never inside the OSGi bundle data area, so that an update or a clean start of the
 * framework does not touch the data.
 */
@ProviderType
public interface DataDirectory {

    /** The framework or system property that names the data directory. */
    String PROPERTY = "steward.data.dir";

    /** The root of the data directory; it exists. */
    Path root();

    /**
     * A folder below the root for one area ({@code db}, {@code logs}, {@code run}, {@code keys}, ...), created when
     * missing.
     */
    Path area(String name);
}
