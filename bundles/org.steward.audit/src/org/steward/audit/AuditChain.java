package org.steward.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash chain of the audit log, published so that an auditor's own tool can check an export of the table
 * independently of Steward.
 *
 * <pre>
 * HASH(0) = 32 zero bytes (genesis)
 * HASH(n) = SHA-256( HASH(n-1) as 32 bytes || canonical bytes of entry n )
 * </pre>
 *
 * The canonical bytes (format {@value #FORMAT}) are: the format byte, then {@code SEQ} and the time in microseconds
 * since the epoch (UTC) as 8-byte big-endian numbers, then each text as a 4-byte big-endian length followed by its
 * UTF-8 bytes, in this order: actor user id, actor login name, channel, source address, session id, action, target
 * module, target type, target id, person id, then the number of field names (4 bytes) and each field name as a text,
 * then outcome and details. An absent optional value is the empty text. Every value is length-prefixed, so no two
 * different entries have the same bytes.
 */
public final class AuditChain {

    /** The version of the canonical encoding, the first byte of every canonical form. */
    public static final int FORMAT = 1;

    /** The hash before the first entry: 32 zero bytes, in hex. */
    public static final String GENESIS = "0".repeat(64);

    private static final HexFormat HEX = HexFormat.of();

    private AuditChain() {
    }

    /** The time as recorded: truncated to microseconds, which every supported database keeps exactly. */
    public static Instant truncate(Instant time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }

    public static long toMicros(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000);
    }

    public static Instant fromMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** The canonical bytes of an entry given as its stored column values (absent values as empty or null). */
    public static byte[] canonicalBytes(long seq, long timeMicros, String actorId, String actorLogin, String channel,
            String sourceAddress, String sessionId, String action, String targetModule, String targetType,
            String targetId, String personId, List<String> fields, String outcome, String details) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(FORMAT);
        writeLong(out, seq);
        writeLong(out, timeMicros);
        for (String text : new String[] { actorId, actorLogin, channel, sourceAddress, sessionId, action, targetModule,
                targetType, targetId, personId }) {
            writeText(out, text);
        }
        List<String> names = fields == null ? List.of() : fields;
        writeInt(out, names.size());
        for (String name : names) {
            writeText(out, name);
        }
        writeText(out, outcome);
        writeText(out, details);
        return out.toByteArray();
    }

    /** The canonical bytes of an event recorded at {@code seq} and {@code time}. */
    public static byte[] canonicalBytes(long seq, Instant time, AuditEvent event) {
        var actor = event.actor();
        return canonicalBytes(seq, toMicros(truncate(time)), actor.userId(), actor.loginName(),
                actor.channel().name(), actor.sourceAddress().orElse(""), actor.sessionId().orElse(""), event.action(),
                event.targetModule(), event.targetType(), event.targetId(),
                event.person().map(Object::toString).orElse(""), event.fields(), event.outcome().name(),
                event.details());
    }

    /** {@code SHA-256(previousHash || canonical)} in hex. */
    public static String hash(String previousHash, byte[] canonical) {
        MessageDigest digest = sha256();
        digest.update(HEX.parseHex(previousHash));
        digest.update(canonical);
        return HEX.formatHex(digest.digest());
    }

    /** The hash of an event recorded at {@code seq} and {@code time} after the entry whose hash is given. */
    public static String hash(String previousHash, long seq, Instant time, AuditEvent event) {
        return hash(previousHash, canonicalBytes(seq, time, event));
    }

    /** Whether an entry's hash matches its content and its previous hash (its own link only, not the chain). */
    public static boolean matches(AuditEntry entry) {
        return entry.hash().equals(hash(entry.previousHash(), entry.seq(), entry.time(), entry.event()));
    }

    /** Whether a text is a well-formed hash: 64 lower-case hex digits. */
    public static boolean isHash(String text) {
        return text != null && text.length() == 64 && text.chars().allMatch(c -> (c >= '0' && c <= '9')
                || (c >= 'a' && c <= 'f'));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void writeText(ByteArrayOutputStream out, String text) {
        byte[] bytes = (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
        writeInt(out, bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    private static void writeLong(ByteArrayOutputStream out, long value) {
        writeInt(out, (int) (value >>> 32));
        writeInt(out, (int) value);
    }
}
