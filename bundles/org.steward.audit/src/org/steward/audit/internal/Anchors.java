package org.steward.audit.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.steward.audit.AuditChain;
import org.steward.core.UnavailableException;

/**
 * The append-only anchors file {@code <data dir>/audit/anchors}: one line per anchor,
 * {@code seq TAB hash TAB time TAB database}, written outside the database so that a consistent rewrite of the table
 * (all hashes recomputed) is still detected. Lines of other databases (another JDBC URL) are kept but ignored.
 */
final class Anchors {

    /** One anchored entry. */
    record Anchor(long seq, String hash, Instant time) {
    }

    private final Path file;
    private final String database;

    Anchors(Path file, String database) {
        this.file = file;
        this.database = database.replace('\t', ' ').replace('\n', ' ');
    }

    Path file() {
        return file;
    }

    /** Appends one anchor and forces it to disk. */
    synchronized void append(long seq, String hash, Instant time) {
        String line = seq + "\t" + hash + "\t" + time + "\t" + database + "\n";
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UnavailableException("Cannot write the audit anchors file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The anchors of this database by sequence number; malformed lines (a torn last line) are skipped. */
    NavigableMap<Long, List<Anchor>> read() {
        NavigableMap<Long, List<Anchor>> anchors = new TreeMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                String[] parts = line.split("\t", 4);
                if (parts.length != 4 || !parts[3].equals(database) || !AuditChain.isHash(parts[1])) {
                    continue;
                }
                try {
                    Anchor anchor = new Anchor(Long.parseLong(parts[0]), parts[1], Instant.parse(parts[2]));
                    anchors.computeIfAbsent(anchor.seq(), s -> new ArrayList<>(1)).add(anchor);
                } catch (RuntimeException malformed) {
                    // a line torn by a crash while it was written: it anchors nothing
                }
            }
        } catch (NoSuchFileException none) {
            return anchors;
        } catch (IOException e) {
            throw new UnavailableException("Cannot read the audit anchors file " + file + ": " + e.getMessage(), e);
        }
        return anchors;
    }
}
