package org.steward.server.internal;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.steward.core.DataDirectory;

/**
 * Checks at start that the data directory and everything in it is the owner's only: it holds mail bodies, logs,
 * audit anchors, import summaries and keys. Steward creates it so (folders 0700, files 0600 under the launcher's
 * umask); a path an admin opened to the group or to others is named in a warning, and left as it is.
 */
@Component(immediate = true, service = DataDirectoryPermissions.class)
public final class DataDirectoryPermissions {

    /** Enough to show the pattern without flooding the log when a whole tree was opened. */
    static final int MAX_NAMED = 10;

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    @Activate
    public DataDirectoryPermissions(@Reference DataDirectory dataDirectory,
            @Reference(service = LoggerFactory.class) Logger logger) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        List<Path> open = loosened(dataDirectory.root());
        for (Path path : open.subList(0, Math.min(MAX_NAMED, open.size()))) {
            logger.warn("{} can be read by other users (mode {}); the data directory should be the owner's only: "
                    + "chmod -R go= {}", path, mode(path), dataDirectory.root());
        }
        if (open.size() > MAX_NAMED) {
            logger.warn("... and {} more paths in {} that other users can read", open.size() - MAX_NAMED,
                    dataDirectory.root());
        }
    }

    /** Every folder and file below the root, the root included, that the group or others may use; links not followed. */
    static List<Path> loosened(Path root) {
        List<Path> open = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    check(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        check(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // removed while walking (a lock or temporary file of the database): nothing to report
                    return FileVisitResult.CONTINUE;
                }

                private void check(Path path) {
                    try {
                        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path,
                                LinkOption.NOFOLLOW_LINKS);
                        if (permissions.stream().anyMatch(OTHERS::contains)) {
                            open.add(path);
                        }
                    } catch (IOException gone) {
                        // removed while walking
                    }
                }
            });
        } catch (IOException e) {
            // the root itself is unreadable: the data directory service reports that
        }
        return open;
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            return "unknown";
        }
    }
}
