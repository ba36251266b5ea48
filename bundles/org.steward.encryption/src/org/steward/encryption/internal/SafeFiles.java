package org.steward.encryption.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** Crash-safe file writes for key material: temp file, fsync, atomic rename, fsync of the folder. */
final class SafeFiles {

    static final String TEMP_SUFFIX = ".tmp";

    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private SafeFiles() {
    }

    static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Creates the folder (and parents) readable by the owner only where the file system supports it. */
    static void createFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        if (posix(folder)) {
            Path parent = folder.getParent();
            if (parent != null) {
                createFolder(parent);
            }
            try {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
            } catch (FileAlreadyExistsException raced) {
                // another thread made it
            }
        } else {
            Files.createDirectories(folder);
        }
    }

    /** Restricts an existing folder to its owner, where the file system supports it. */
    static void restrictFolder(Path folder) throws IOException {
        if (posix(folder)) {
            Files.setPosixFilePermissions(folder, OWNER_ONLY_FOLDER);
        }
    }

    /**
     * Writes the bytes to {@code target} atomically: a reader sees the old content or the new one, never a part, also
     * after a crash. The new file is readable by the owner only.
     */
    static void writeAtomically(Path target, byte[] content) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
        Files.deleteIfExists(temp);
        FileAttribute<?>[] attributes = posix(target)
                ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(OWNER_ONLY) }
                : new FileAttribute<?>[0];
        try (FileChannel channel = FileChannel.open(temp,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        syncFolder(target.getParent());
    }

    /** Makes a rename or a deletion in the folder durable (a no-op where folders cannot be opened, e.g. Windows). */
    static void syncFolder(Path folder) {
        if (folder == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported on this platform; the rename itself is still atomic
        }
    }

    /** Overwrites the file with zeros, syncs it, and deletes it. */
    static void shred(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        long size = Files.size(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(Math.max(size, 1), 1 << 16));
            long written = 0;
            while (written < size) {
                zeros.clear();
                zeros.limit((int) Math.min(zeros.capacity(), size - written));
                written += channel.write(zeros, written);
            }
            channel.force(true);
        }
        Files.delete(file);
        syncFolder(file.getParent());
    }
}
