package org.steward.encryption.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.steward.core.PersonId;
import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;
import org.steward.encryption.BlocklistEntry;

/**
 * The erasure blocklist as an append-only text file in the keys folder, one line per erasure:
 * {@code person TAB erasedAt TAB request TAB index,index}. Append-only and synced on every write, so a crash loses
 * at most the line being written, and a torn last line is ignored on reading. It holds keyed hashes only.
 */
final class ErasureRegisterFile {

    static final String FILE = "erasures.tsv";
    private static final Pattern INDEX = Pattern.compile("[A-Za-z0-9_-]{16,128}");
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9._:@/-]{0,200}");

    private final Path file;
    private final Clock clock;
    private final Map<String, BlocklistEntry> byIndex = new HashMap<>();
    private final Map<PersonId, BlocklistEntry> byPerson = new LinkedHashMap<>();
    private final Map<PersonId, Set<String>> indexesOfPerson = new HashMap<>();

    ErasureRegisterFile(Path folder, Clock clock) {
        this.file = folder.resolve(FILE);
        this.clock = clock;
        load();
    }

    Path file() {
        return file;
    }

    synchronized void add(PersonId person, Collection<String> blindIndexes, String requestReference) {
        if (person == null) {
            throw new ValidationException("person", "is required");
        }
        String reference = requestReference == null ? "" : requestReference.strip();
        if (!REFERENCE.matcher(reference).matches()) {
            throw new ValidationException("requestReference",
                    "may hold only letters, digits and . _ : @ / - (at most 200 characters)");
        }
        Set<String> fresh = new LinkedHashSet<>();
        for (String index : blindIndexes == null ? List.<String>of() : blindIndexes) {
            if (index == null || !INDEX.matcher(index).matches()) {
                throw new ValidationException("blindIndexes", "holds a value that is not a blind index");
            }
            if (!indexesOfPerson.getOrDefault(person, Set.of()).contains(index)) {
                fresh.add(index);
            }
        }
        if (byPerson.containsKey(person) && fresh.isEmpty()) {
            return;
        }
        Instant at = byPerson.containsKey(person) ? byPerson.get(person).erasedAt() : clock.instant();
        String line = person + "\t" + at + "\t" + reference + "\t" + String.join(",", fresh) + "\n";
        append(line);
        remember(new BlocklistEntry(person, at, reference), fresh);
    }

    synchronized Optional<BlocklistEntry> match(Collection<String> blindIndexes) {
        if (blindIndexes == null) {
            return Optional.empty();
        }
        return blindIndexes.stream().filter(i -> i != null).map(byIndex::get).filter(e -> e != null).findFirst();
    }

    synchronized boolean contains(PersonId person) {
        return byPerson.containsKey(person);
    }

    synchronized int size() {
        return byPerson.size();
    }

    private void remember(BlocklistEntry entry, Collection<String> indexes) {
        BlocklistEntry first = byPerson.computeIfAbsent(entry.person(), p -> entry);
        Set<String> known = indexesOfPerson.computeIfAbsent(entry.person(), p -> new LinkedHashSet<>());
        for (String index : indexes) {
            known.add(index);
            byIndex.putIfAbsent(index, first);
        }
    }

    private void append(String line) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new UnavailableException("Cannot write the erasure blocklist " + file + ": " + e.getMessage());
        }
        SafeFiles.syncFolder(file.getParent());
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UnavailableException("Cannot read the erasure blocklist " + file + ": " + e.getMessage());
        }
        for (String line : lines) {
            String[] parts = line.split("\t", -1);
            if (parts.length != 4) {
                continue; // a line torn by a crash while it was appended
            }
            try {
                PersonId person = new PersonId(UUID.fromString(parts[0]));
                Instant at = Instant.parse(parts[1]);
                List<String> indexes = parts[3].isEmpty() ? List.of() : List.of(parts[3].split(","));
                remember(new BlocklistEntry(person, at, parts[2]), indexes);
            } catch (RuntimeException torn) {
                // same: an incomplete last line; the erasure is recorded again when the request is resumed
            }
        }
    }
}
