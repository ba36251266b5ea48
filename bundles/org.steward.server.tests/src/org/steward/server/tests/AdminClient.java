package org.steward.server.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.steward.testing.Osgi;

/**
 * What {@code bin/steward-admin} does: connects to the loopback port, sends the token line and the command line, and
 * reads the output up to the last line {@code @@steward-exit <status>}.
 */
final class AdminClient {

    static final String EXIT_MARKER = "@@steward-exit ";
    static final String PORT_FILE = "admin.port";
    static final String TOKEN_FILE = "admin.token";

    /** The output of one command (without the exit line) and its status. */
    record Reply(List<String> lines, int status) {

        String output() {
            return String.join("\n", lines);
        }

        boolean hasLine(String prefix) {
            return lines.stream().anyMatch(l -> l.startsWith(prefix));
        }
    }

    private final int port;
    private final String token;

    AdminClient(int port, String token) {
        this.port = port;
        this.token = token;
    }

    /**
     * Reads port and token from the run folder and waits until the endpoint behind them accepts the token (files left
     * by an earlier run, or an endpoint not yet activated, are waited out).
     */
    static AdminClient fromRunFolder(Path runFolder) {
        long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                AdminClient client = new AdminClient(Integer.parseInt(read(runFolder.resolve(PORT_FILE))),
                        read(runFolder.resolve(TOKEN_FILE)));
                // an empty command runs nothing; status 2 proves the token was accepted
                if (client.run("").status() == 2) {
                    return client;
                }
            } catch (IOException | UncheckedIOException | NumberFormatException e) {
                last = e;
            }
            Osgi.sleep(100);
        }
        throw new AssertionError("No administration endpoint answers with the port and token in " + runFolder, last);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }

    int port() {
        return port;
    }

    String token() {
        return token;
    }

    AdminClient withToken(String otherToken) {
        return new AdminClient(port, otherToken);
    }

    Reply run(String command) throws IOException {
        return send(token + "\n" + command + "\n");
    }

    /** Sends raw text (token line, command line) and reads the reply. */
    Reply send(String raw) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.UTF_8));
            out.flush();
            // like the script: nothing more to say, so the server sees the end of input instead of waiting for a line
            socket.shutdownOutput();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(EXIT_MARKER)) {
                    return new Reply(List.copyOf(lines), Integer.parseInt(line.substring(EXIT_MARKER.length()).trim()));
                }
                lines.add(line);
            }
            throw new IOException("The connection ended without " + EXIT_MARKER + "line; output: " + lines);
        }
    }
}
