package org.steward.encryption.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.steward.core.ValidationException;
import org.steward.encryption.PasswordHasher;

/** Argon2id (RFC 9106) by Bouncy Castle's lightweight API, encoded as a PHC string. */
@Component(service = PasswordHasher.class, configurationPid = PasswordConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PasswordConfiguration.class)
public final class Argon2PasswordHasher implements PasswordHasher {

    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2(id|i|d)\\$v=(\\d+)\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random = new SecureRandom();

    /** The parsed parts of a PHC string. */
    private record Encoded(String type, int version, int memoryKiB, int iterations, int parallelism, byte[] salt,
            byte[] hash) {
    }

    @Activate
    public Argon2PasswordHasher(@Reference(service = LoggerFactory.class) Logger logger, PasswordConfiguration config) {
        this.memoryKiB = config.memoryKiB();
        this.iterations = config.iterations();
        this.parallelism = config.parallelism();
        if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1) {
            throw new ValidationException("memoryKiB",
                    "Argon2id needs at least 8 KiB per lane, one iteration and one lane");
        }
        if (memoryKiB < PasswordConfiguration.MINIMUM_MEMORY_KIB || iterations < 2) {
            logger.warn("Argon2id parameters m={} KiB, t={}, p={} are below the OWASP minimum (m=19456, t=2, p=1); "
                    + "set them in configuration {}", memoryKiB, iterations, parallelism, PasswordConfiguration.PID);
        }
    }

    @Override
    public String hash(char[] password) {
        byte[] secret = utf8(password);
        try {
            byte[] salt = new byte[SALT_BYTES];
            random.nextBytes(salt);
            byte[] hash = derive(secret, salt, memoryKiB, iterations, parallelism, HASH_BYTES);
            return "$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism + "$"
                    + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    @Override
    public boolean verify(char[] password, String encoded) {
        byte[] secret = utf8(password);
        try {
            Encoded parsed = parse(encoded);
            if (parsed == null || !parsed.type().equals("id") || parsed.version() != 19) {
                return false;
            }
            byte[] actual = derive(secret, parsed.salt(), parsed.memoryKiB(), parsed.iterations(),
                    parsed.parallelism(), parsed.hash().length);
            return MessageDigest.isEqual(actual, parsed.hash());
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    @Override
    public boolean needsRehash(String encoded) {
        Encoded parsed = parse(encoded);
        return parsed == null || !parsed.type().equals("id") || parsed.version() != 19
                || parsed.memoryKiB() < memoryKiB || parsed.iterations() < iterations
                || parsed.parallelism() < parallelism || parsed.hash().length < HASH_BYTES
                || parsed.salt().length < SALT_BYTES;
    }

    private static Encoded parse(String encoded) {
        if (encoded == null) {
            return null;
        }
        Matcher m = PHC.matcher(encoded.strip());
        if (!m.matches()) {
            return null;
        }
        try {
            int memory = Integer.parseInt(m.group(3));
            int time = Integer.parseInt(m.group(4));
            int lanes = Integer.parseInt(m.group(5));
            byte[] salt = B64_DECODER.decode(m.group(6));
            byte[] hash = B64_DECODER.decode(m.group(7));
            // bounds against a crafted hash that would make verification take unbounded memory or time
            if (lanes < 1 || lanes > 64 || time < 1 || time > 100 || memory < 8 * lanes || memory > 4_194_304
                    || salt.length < 8 || hash.length < 16 || hash.length > 64) {
                return null;
            }
            return new Encoded(m.group(1), Integer.parseInt(m.group(2)), memory, time, lanes, salt, hash);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] derive(byte[] secret, byte[] salt, int memoryKiB, int iterations, int parallelism,
            int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(memoryKiB).withIterations(iterations)
                .withParallelism(parallelism).withSalt(salt).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(secret, out);
        return out;
    }

    /** The password's UTF-8 bytes; the char array is cleared. */
    private static byte[] utf8(char[] password) {
        if (password == null) {
            throw new ValidationException("password", "is required");
        }
        ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (buffer.hasArray()) {
            Arrays.fill(buffer.array(), (byte) 0);
        }
        Arrays.fill(password, '\0');
        return bytes;
    }
}
