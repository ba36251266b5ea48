package org.steward.encryption.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.steward.core.UnavailableException;

/**
 * The data keys of persons created in bulk: one file per batch, {@code persons/packs/<random id>.pack}, written
 * atomically with one fsync, instead of one synced file per person (which no file system does faster than about 10,000
 * a second).
 * <p>
 * Pack layout: magic {@code SWKP}, format 1, slot count (int), then fixed-length slots sorted by person id: 16 bytes of
 * person UUID (most, then least significant long, big-endian), then the wrapped key exactly as a key file holds it
 * ({@value #WRAPPED} bytes, with the person bound as associated data). A shredded person's wrapped key is overwritten
 * with zeros in place; a zeroed slot never loads.
 * <p>
 * The index in memory is, per pack, the sorted UUIDs as a {@code long[]} (16 bytes a person, 16 MB a million), so a
 * lookup is one binary search per pack.
 */
final class KeyPacks {

    static final String FOLDER = "packs";
    static final String SUFFIX = ".pack";
    static final int WRAPPED = 73;

    private static final byte[] MAGIC = "SWKP".getBytes(StandardCharsets.US_ASCII);
    private static final byte FORMAT = 1;
    private static final int HEADER = 4 + 1 + 4;
    private static final int SLOT = 16 + WRAPPED;

    /** One pack file and its sorted person ids; the file may be replaced (rotation), the ids never change. */
    static final class Pack {
        final Path file;
        /** msb, lsb of slot 0, then of slot 1, ... sorted as signed longs. */
        private final long[] ids;
        private final AtomicInteger live;

        Pack(Path file, long[] ids, int live) {
            this.file = file;
            this.ids = ids;
            this.live = new AtomicInteger(live);
        }

        int slots() {
            return ids.length / 2;
        }

        UUID person(int slot) {
            return new UUID(ids[2 * slot], ids[2 * slot + 1]);
        }

        int find(UUID id) {
            long msb = id.getMostSignificantBits();
            long lsb = id.getLeastSignificantBits();
            int low = 0;
            int high = slots() - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                int c = compare(ids[2 * mid], ids[2 * mid + 1], msb, lsb);
                if (c < 0) {
                    low = mid + 1;
                } else if (c > 0) {
                    high = mid - 1;
                } else {
                    return mid;
                }
            }
            return -1;
        }
    }

    /** Where a person's key is. */
    record Slot(Pack pack, int index) {
    }

    /** A new person's wrapped key for {@link #write}. */
    record Entry(UUID person, byte[] wrapped) {
    }

    /** Re-wraps one slot's key under the wanted master version; returns null when it is already under it. */
    @FunctionalInterface
    interface Rewrap {
        byte[] apply(UUID person, byte[] wrapped);
    }

    private final Path folder;
    private final SecureRandom random;
    /** Copy-on-write: readers take the array as it is. */
    private volatile Pack[] packs = new Pack[0];
    /** Every id of every pack; replaced by a bigger one when full. Ids are added before their pack is published. */
    private volatile PackedIdFilter filter = new PackedIdFilter(0);

    KeyPacks(Path persons, SecureRandom random) {
        this.folder = persons.resolve(FOLDER);
        this.random = random;
        try {
            if (!Files.isDirectory(folder)) {
                SafeFiles.createFolder(folder);
                SafeFiles.syncFolder(persons);
            }
        } catch (IOException e) {
            throw new UnavailableException("Cannot create the folder " + folder + ": " + e.getMessage());
        }
        List<Pack> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                found.add(scan(file));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new UnavailableException("Cannot read the key packs in " + folder + ": " + e.getMessage());
        }
        packs = found.toArray(Pack[]::new);
        filter = filterOf(packs, 0);
    }

    /** A filter holding every id of the packs, sized for twice their ids plus the ones about to be added. */
    private static PackedIdFilter filterOf(Pack[] packs, int adding) {
        long total = adding;
        for (Pack pack : packs) {
            total += pack.slots();
        }
        PackedIdFilter built = new PackedIdFilter((int) Math.min(Integer.MAX_VALUE / 16, 2 * total));
        for (Pack pack : packs) {
            for (int i = 0; i < pack.slots(); i++) {
                built.add(pack.ids[2 * i], pack.ids[2 * i + 1]);
            }
        }
        return built;
    }

    static boolean isPack(Path file) {
        return file.getFileName().toString().endsWith(SUFFIX);
    }

    Path folder() {
        return folder;
    }

    private static int compare(long msbA, long lsbA, long msbB, long lsbB) {
        int c = Long.compare(msbA, msbB);
        return c != 0 ? c : Long.compare(lsbA, lsbB);
    }

    private static Pack scan(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        ByteBuffer in = ByteBuffer.wrap(content);
        if (content.length < HEADER || !Arrays.equals(Arrays.copyOf(content, 4), MAGIC) || content[4] != FORMAT) {
            throw damaged(file);
        }
        in.position(5);
        int count = in.getInt();
        if (count < 0 || content.length != HEADER + (long) count * SLOT) {
            throw damaged(file);
        }
        long[] ids = new long[2 * count];
        int live = 0;
        for (int i = 0; i < count; i++) {
            int at = HEADER + i * SLOT;
            ids[2 * i] = in.getLong(at);
            ids[2 * i + 1] = in.getLong(at + 8);
            if (i > 0 && compare(ids[2 * i - 2], ids[2 * i - 1], ids[2 * i], ids[2 * i + 1]) >= 0) {
                throw damaged(file);
            }
            live += zero(content, at + 16) ? 0 : 1;
        }
        return new Pack(file, ids, live);
    }

    private static UnavailableException damaged(Path file) {
        return new UnavailableException("The key pack " + file + " is damaged (wrong length, header or order); restore "
                + "it from the key backup");
    }

    private static boolean zero(byte[] bytes, int from) {
        for (int i = from; i < from + WRAPPED; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The slot of the person, or null when no pack holds them. */
    Slot find(UUID person) {
        if (!filter.mightContain(person.getMostSignificantBits(), person.getLeastSignificantBits())) {
            return null;
        }
        for (Pack pack : packs) {
            int index = pack.find(person);
            if (index >= 0) {
                return new Slot(pack, index);
            }
        }
        return null;
    }

    /** The wrapped key in the slot, or null when it was zeroed (shredded). */
    byte[] read(Slot slot) throws IOException {
        byte[] wrapped = new byte[WRAPPED];
        try (FileChannel channel = FileChannel.open(slot.pack().file, StandardOpenOption.READ)) {
            readFully(channel, ByteBuffer.wrap(wrapped), offset(slot.index()));
        }
        return zero(wrapped, 0) ? null : wrapped;
    }

    private static long offset(int slot) {
        return HEADER + (long) slot * SLOT + 16;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IOException("the file ends early");
            }
            at += n;
        }
    }

    /** Writes a new pack with these keys (one synced write) and adds it to the index. */
    synchronized void write(List<Entry> entries) throws IOException {
        Entry[] sorted = entries.toArray(Entry[]::new);
        Arrays.sort(sorted, (a, b) -> compare(a.person().getMostSignificantBits(), a.person().getLeastSignificantBits(),
                b.person().getMostSignificantBits(), b.person().getLeastSignificantBits()));
        ByteBuffer out = ByteBuffer.allocate(HEADER + sorted.length * SLOT);
        out.put(MAGIC).put(FORMAT).putInt(sorted.length);
        long[] ids = new long[2 * sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i].wrapped().length != WRAPPED) {
                throw new IllegalArgumentException("a wrapped key has " + WRAPPED + " bytes");
            }
            ids[2 * i] = sorted[i].person().getMostSignificantBits();
            ids[2 * i + 1] = sorted[i].person().getLeastSignificantBits();
            out.putLong(ids[2 * i]).putLong(ids[2 * i + 1]).put(sorted[i].wrapped());
        }
        byte[] name = new byte[16];
        random.nextBytes(name);
        Path file = folder.resolve(HexFormat.of().formatHex(name) + SUFFIX);
        byte[] content = out.array();
        try {
            SafeFiles.writeAtomically(file, content);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
        long held = sorted.length;
        for (Pack pack : packs) {
            held += pack.slots();
        }
        PackedIdFilter current = held > filter.capacity() ? filterOf(packs, sorted.length) : filter;
        for (int i = 0; i < sorted.length; i++) {
            current.add(ids[2 * i], ids[2 * i + 1]);
        }
        filter = current;
        Pack[] grown = Arrays.copyOf(packs, packs.length + 1);
        grown[packs.length] = new Pack(file, ids, sorted.length);
        packs = grown;
    }

    /**
     * Overwrites the slot's wrapped key with zeros in place and syncs the file; returns whether it held a key. The
     * caller holds the person's lock; the pack's lock keeps a rotation from writing the old key back.
     */
    boolean zero(Slot slot) throws IOException {
        Pack pack = slot.pack();
        synchronized (pack) {
            try (FileChannel channel = FileChannel.open(pack.file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                byte[] wrapped = new byte[WRAPPED];
                readFully(channel, ByteBuffer.wrap(wrapped), offset(slot.index()));
                if (zero(wrapped, 0)) {
                    return false;
                }
                ByteBuffer zeros = ByteBuffer.allocate(WRAPPED);
                long at = offset(slot.index());
                while (zeros.hasRemaining()) {
                    at += channel.write(zeros, at);
                }
                channel.force(true);
            }
            pack.live.decrementAndGet();
            return true;
        }
    }

    /**
     * Re-wraps every non-zero slot of every pack that {@code rewrap} changes, each pack rewritten atomically (a crash
     * leaves it wholly old or wholly new, and each slot names its master version, so running it again is harmless).
     * Returns how many keys were re-wrapped.
     */
    long rewrap(Rewrap rewrap) throws IOException {
        long total = 0;
        for (Pack pack : packs) {
            synchronized (pack) {
                byte[] content = Files.readAllBytes(pack.file);
                if (content.length != HEADER + (long) pack.slots() * SLOT) {
                    throw damaged(pack.file);
                }
                long changed = 0;
                boolean dirty = false;
                for (int i = 0; i < pack.slots(); i++) {
                    int at = HEADER + i * SLOT + 16;
                    if (zero(content, at)) {
                        continue;
                    }
                    byte[] replaced = rewrap.apply(pack.person(i), Arrays.copyOfRange(content, at, at + WRAPPED));
                    if (replaced != null) {
                        System.arraycopy(replaced, 0, content, at, WRAPPED);
                        dirty = true;
                        if (zero(replaced, 0)) {
                            // a person erased while their slot was not yet zeroed: the rewrite completes it
                            pack.live.decrementAndGet();
                        } else {
                            changed++;
                        }
                    }
                }
                if (dirty) {
                    SafeFiles.writeAtomically(pack.file, content);
                }
                Arrays.fill(content, (byte) 0);
                total += changed;
            }
        }
        return total;
    }

    /** Copies every pack into {@code target/persons/packs}; returns files and bytes added to {@code totals}. */
    void copyTo(Path target, long[] totals) throws IOException {
        Path into = target.resolve(KeyFiles.PERSONS).resolve(FOLDER);
        SafeFiles.createFolder(into);
        for (Pack pack : packs) {
            byte[] content;
            synchronized (pack) {
                content = Files.readAllBytes(pack.file);
            }
            SafeFiles.writeAtomically(into.resolve(pack.file.getFileName()), content);
            totals[0]++;
            totals[1] += content.length;
        }
    }

    /** How many packed keys were not shredded. */
    long live() {
        long total = 0;
        for (Pack pack : packs) {
            total += pack.live.get();
        }
        return total;
    }

    int count() {
        return packs.length;
    }
}
