package org.steward.encryption.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.steward.core.PersonId;
import org.steward.core.UnavailableException;

/**
 * Where the per-person key files lie: {@code persons/<2 hex>/<2 hex>/<personId>.key}, and the tombstone
 * {@code <personId>.shredded} (no key material) that a shredded key leaves.
 */
final class KeyFiles {

    static final String PERSONS = "persons";
    static final String KEY_SUFFIX = ".key";
    static final String TOMBSTONE_SUFFIX = ".shredded";

    private final Path folder;
    private final Path persons;

    KeyFiles(Path folder) {
        this.folder = folder;
        this.persons = folder.resolve(PERSONS);
        try {
            SafeFiles.createFolder(persons);
        } catch (IOException e) {
            throw new UnavailableException("Cannot create the folder " + persons + ": " + e.getMessage());
        }
    }

    /** Whether any data key file exists in the folder (then a missing master key store must not be re-created). */
    static boolean anyKeyFile(Path folder) {
        Path persons = folder.resolve(PERSONS);
        if (!Files.isDirectory(persons)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(persons)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(KEY_SUFFIX) || KeyPacks.isPack(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The keys folder. */
    Path folder() {
        return folder;
    }

    /** The folder of the person keys and packs. */
    Path persons() {
        return persons;
    }

    Path keyFile(PersonId person) {
        String id = person.toString();
        return persons.resolve(id.substring(0, 2)).resolve(id.substring(2, 4)).resolve(id + KEY_SUFFIX);
    }

    Path tombstone(PersonId person) {
        String id = person.toString();
        return persons.resolve(id.substring(0, 2)).resolve(id.substring(2, 4)).resolve(id + TOMBSTONE_SUFFIX);
    }

    boolean isErased(PersonId person) {
        return Files.exists(tombstone(person));
    }

    /** Every regular file below the persons folder (keys, tombstones, packs, temporary files). */
    void forEachFile(Consumer<Path> action) {
        try (Stream<Path> files = Files.walk(persons)) {
            files.filter(Files::isRegularFile).forEach(action);
        } catch (IOException | UncheckedIOException e) {
            throw new UnavailableException("Cannot list the data keys in " + persons + ": " + e.getMessage());
        }
    }
}
