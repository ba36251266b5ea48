package org.steward.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.steward.core.DataDirectory;
import org.steward.core.UnavailableException;

/** Reads the data directory from the framework properties once, at activation, and creates it when missing. */
@Component(service = DataDirectory.class)
public final class SystemDataDirectory implements DataDirectory {

    private final Path root;

    @Activate
    public SystemDataDirectory(BundleContext context) {
        this.root = create(resolve(context.getProperty(PROPERTY)), PROPERTY);
    }

    static Path resolve(String configured) {
        if (configured == null || configured.isBlank()) {
            return Paths.get(System.getProperty("user.home"), ".steward", "data").toAbsolutePath().normalize();
        }
        return Paths.get(configured.trim()).toAbsolutePath().normalize();
    }

    private static Path create(Path folder, String setting) {
        try {
            Files.createDirectories(folder);
        } catch (IOException | SecurityException e) {
            throw new UnavailableException("Cannot create the folder " + folder + " (setting " + setting + "): "
                    + e.getClass().getSimpleName() + " " + e.getMessage());
        }
        if (!Files.isWritable(folder)) {
            throw new UnavailableException("The folder " + folder + " (setting " + setting + ") is not writable");
        }
        return folder;
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public Path area(String name) {
        if (name == null || name.isBlank() || name.contains("..") || Paths.get(name).isAbsolute()) {
            throw new IllegalArgumentException("an area is a relative folder name inside the data directory");
        }
        return create(root.resolve(name).normalize(), PROPERTY + "/" + name);
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
