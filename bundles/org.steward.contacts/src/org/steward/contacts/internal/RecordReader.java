package org.steward.contacts.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Splits an import file into records by physical lines, with flat memory: a CSV record ends at a line break outside
 * quotes, a vCard at {@code END:VCARD}. Each record keeps the physical line it starts on, and is decoded as strict
 * UTF-8 on its own, so a line in another encoding (Latin-1) rejects that record only. An unterminated quote does not
 * swallow the file: after {@value #MAX_LINES} lines (or 1 MiB) the record is rejected and reading goes on with the
 * line after its first one.
 */
final class RecordReader implements AutoCloseable {

    static final int MAX_LINES = 100;
    static final int MAX_BYTES = 1 << 20;

    /** One record: its first and last physical line, its text, or why it is refused. */
    record Raw(long line, long endLine, String text, String problem) {
    }

    private record Line(long number, byte[] bytes) {
    }

    private final InputStream in;
    private final boolean vcard;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private long lineNumber;
    private final Deque<Line> pushback = new ArrayDeque<>();
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] lineBuffer = new byte[1024];

    RecordReader(InputStream in, boolean vcard) throws IOException {
        this.in = in;
        this.vcard = vcard;
        fill();
        if (limit >= 3 && (buffer[0] & 0xff) == 0xEF && (buffer[1] & 0xff) == 0xBB && (buffer[2] & 0xff) == 0xBF) {
            position = 3; // UTF-8 byte order mark
        }
    }

    private void fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        position = 0;
        limit = Math.max(0, n);
    }

    private Line nextLine() throws IOException {
        if (!pushback.isEmpty()) {
            return pushback.pollFirst();
        }
        int length = 0;
        boolean any = false;
        while (true) {
            if (position >= limit) {
                fill();
                if (limit == 0) {
                    break;
                }
            }
            any = true;
            byte b = buffer[position++];
            if (length == lineBuffer.length) {
                lineBuffer = Arrays.copyOf(lineBuffer, length * 2);
            }
            lineBuffer[length++] = b;
            if (b == '\n') {
                break;
            }
            if (length > MAX_BYTES) {
                break; // an absurdly long line is split; the parts are rejected as records
            }
        }
        if (!any) {
            return null;
        }
        return new Line(++lineNumber, Arrays.copyOf(lineBuffer, length));
    }

    /** The next record, or null at the end of the file. */
    Raw next() throws IOException {
        return vcard ? nextCard() : nextCsv();
    }

    private Raw nextCsv() throws IOException {
        Line first;
        do {
            first = nextLine();
            if (first == null) {
                return null;
            }
        } while (blank(first.bytes()));
        int quotes = quotes(first.bytes());
        if (quotes % 2 == 0) {
            return decode(first.number(), first.number(), first.bytes());
        }
        Deque<Line> taken = new ArrayDeque<>();
        taken.add(first);
        int size = first.bytes().length;
        while (true) {
            Line more = nextLine();
            if (more == null || taken.size() >= MAX_LINES || size > MAX_BYTES) {
                if (more != null) {
                    pushback.addFirst(more);
                }
                taken.pollFirst();
                while (!taken.isEmpty()) {
                    pushback.addFirst(taken.pollLast());
                }
                return new Raw(first.number(), first.number(), null, "broken quoting: a quoted field opened on this "
                        + "line is never closed");
            }
            taken.add(more);
            size += more.bytes().length;
            quotes += quotes(more.bytes());
            if (quotes % 2 == 0) {
                byte[] all = new byte[size];
                int at = 0;
                for (Line l : taken) {
                    System.arraycopy(l.bytes(), 0, all, at, l.bytes().length);
                    at += l.bytes().length;
                }
                return decode(first.number(), more.number(), all);
            }
        }
    }

    private Raw nextCard() throws IOException {
        Line first;
        do {
            first = nextLine();
            if (first == null) {
                return null;
            }
        } while (blank(first.bytes()));
        if (!startsWith(first.bytes(), "BEGIN:VCARD")) {
            return new Raw(first.number(), first.number(), null, "is not part of a vCard (BEGIN:VCARD expected)");
        }
        Deque<Line> taken = new ArrayDeque<>();
        taken.add(first);
        int size = first.bytes().length;
        while (true) {
            Line more = nextLine();
            if (more == null || taken.size() >= 10_000 || size > MAX_BYTES || startsWith(more.bytes(), "BEGIN:VCARD")) {
                if (more != null) {
                    pushback.addFirst(more); // the next card starts here; the lines taken belong to the broken one
                }
                return new Raw(first.number(), first.number(), null, "vCard without END:VCARD");
            }
            taken.add(more);
            size += more.bytes().length;
            if (startsWith(more.bytes(), "END:VCARD")) {
                byte[] all = new byte[size];
                int at = 0;
                for (Line l : taken) {
                    System.arraycopy(l.bytes(), 0, all, at, l.bytes().length);
                    at += l.bytes().length;
                }
                return decode(first.number(), more.number(), all);
            }
        }
    }

    private Raw decode(long line, long endLine, byte[] bytes) {
        boolean ascii = true;
        for (byte b : bytes) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new Raw(line, endLine, new String(bytes, StandardCharsets.ISO_8859_1), null);
        }
        try {
            CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(bytes));
            return new Raw(line, endLine, chars.toString(), null);
        } catch (CharacterCodingException e) {
            return new Raw(line, endLine, null, "is not valid UTF-8 (saved in another encoding, e.g. Latin-1?)");
        }
    }

    private static int quotes(byte[] bytes) {
        int n = 0;
        for (byte b : bytes) {
            if (b == '"') {
                n++;
            }
        }
        return n;
    }

    private static boolean blank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        int i = 0;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t')) {
            i++;
        }
        if (bytes.length - i < prefix.length()) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (Character.toUpperCase((char) bytes[i + k]) != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
