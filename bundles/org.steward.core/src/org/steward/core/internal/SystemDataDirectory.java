package org.steward.core.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.steward.core.DataDirectory;
import org.steward.core.UnavailableException;

/**
 * Reads the data directory from the framework properties once, at activation, and creates it when missing. Folders it
 * creates are readable by the owner only (0700): the data directory holds mail bodies, logs, audit anchors and keys,
 * and a folder others cannot enter also hides the files a module creates with looser modes. Folders that exist are
 * left as they are; the server warns at start when an admin loosened them.
 */
@Component(service = DataDirectory.class)
public final class SystemDataDirectory implements DataDirectory {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

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
            createOwnerOnly(folder);
        } catch (IOException | SecurityException e) {
            throw new UnavailableException("Cannot create the folder " + folder + " (setting " + setting + "): "
                    + e.getClass().getSimpleName() + " " + e.getMessage());
        }
        if (!Files.isWritable(folder)) {
            throw new UnavailableException("The folder " + folder + " (setting " + setting + ") is not writable");
        }
        return folder;
    }

    /**
     * Creates the missing folders of the path one by one, each set to 0700 explicitly: the mode given at creation is
     * reduced by the process umask, and {@code createDirectories} would leave a parent it creates at the umask's mode.
     */
    private static void createOwnerOnly(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        Path parent = folder.getParent();
        if (parent != null) {
            createOwnerOnly(parent);
        }
        try {
            Files.createDirectory(folder);
        } catch (FileAlreadyExistsException raced) {
            if (Files.isDirectory(folder)) {
                return;
            }
            throw raced;
        }
        if (POSIX) {
            Files.setPosixFilePermissions(folder, OWNER_ONLY);
        }
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
