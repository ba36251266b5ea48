package org.steward.contacts.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import org.steward.contacts.ImportFormat;
import org.steward.core.ValidationException;

/** What an import file is before it is read: readable, its content hash, its format and CSV delimiter. */
final class ImportFiles {

    private ImportFiles() {
    }

    static void requireReadable(Path file) {
        if (file == null) {
            throw new ValidationException("file", "is required");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ValidationException("file", "cannot be read: " + file.getFileName());
        }
    }

    /** The SHA-256 of the content: an import is known by it, whatever the file is called. */
    static String hash(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new ValidationException("file", "cannot be read: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ImportFormat detectFormat(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".vcf") || name.endsWith(".vcard")) {
            return ImportFormat.VCARD;
        }
        String first = firstLine(file);
        return first.strip().toUpperCase(Locale.ROOT).startsWith("BEGIN:VCARD") ? ImportFormat.VCARD
                : ImportFormat.CSV;
    }

    /** The delimiter that occurs more often outside quotes in the header line: a semicolon or a comma. */
    static char detectDelimiter(Path file) {
        String header = firstLine(file);
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (char ch : header.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && ch == ',') {
                commas++;
            } else if (!quoted && ch == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    private static String firstLine(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(64 * 1024);
            String text = new String(head, StandardCharsets.ISO_8859_1);
            int end = text.indexOf('\n');
            return end < 0 ? text : text.substring(0, end);
        } catch (IOException e) {
            throw new ValidationException("file", "cannot be read: " + e.getMessage());
        }
    }
}
