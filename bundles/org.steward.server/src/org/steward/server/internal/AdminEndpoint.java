package org.steward.server.internal;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.steward.core.AccessDeniedException;
import org.steward.core.DataDirectory;

/**
 * Runs one console command per connection for {@code bin/steward-admin}, like Karaf's client: the output, then a last
 * line {@value #EXIT_MARKER}{@code <status>} that the script turns into its exit status.
 */
@Component(immediate = true, configurationPid = AdminConfiguration.PID)
@Designate(ocd = AdminConfiguration.class)
public final class AdminEndpoint {

    static final String EXIT_MARKER = "@@steward-exit ";
    static final String PORT_FILE = "admin.port";
    static final String TOKEN_FILE = "admin.token";
    static final int REQUEST_TIMEOUT_MILLIS = 5000;

    private final CommandProcessor processor;
    private final Logger logger;
    private final ServerSocket server;
    private final byte[] token;
    private final Path runFolder;
    private final Path logFile;
    private final ExecutorService workers;
    private final BundleContext context;
    private final ServerReadiness readiness;
    private final long readyWaitMillis;

    @Activate
    public AdminEndpoint(BundleContext context, @Reference CommandProcessor processor,
            @Reference DataDirectory dataDirectory, @Reference ServerReadiness readiness,
            @Reference(service = LoggerFactory.class) Logger logger, AdminConfiguration config) throws IOException {
        this.context = context;
        this.processor = processor;
        this.readiness = readiness;
        this.readyWaitMillis = TimeUnit.SECONDS.toMillis(Math.max(0, config.readyWaitSeconds()));
        this.logger = logger;
        this.runFolder = dataDirectory.area("run");
        this.logFile = dataDirectory.area("logs").resolve(FileLogWriter.FILE);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.token = HexFormat.of().formatHex(secret).getBytes(StandardCharsets.US_ASCII);
        this.server = new ServerSocket(config.port(), 16, InetAddress.getLoopbackAddress());
        writePrivate(runFolder.resolve(TOKEN_FILE), new String(token, StandardCharsets.US_ASCII));
        writePrivate(runFolder.resolve(PORT_FILE), Integer.toString(server.getLocalPort()));
        this.workers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "steward-admin-command");
            t.setDaemon(true);
            return t;
        });
        Thread acceptor = new Thread(this::acceptLoop, "steward-admin-endpoint");
        acceptor.setDaemon(true);
        acceptor.start();
        logger.info("Administration endpoint listening on {}:{}", server.getInetAddress().getHostAddress(),
                server.getLocalPort());
    }

    /** Written to a temporary file with owner-only permissions first, then moved, so it is never readable by others. */
    private static void writePrivate(Path file, String content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(temp);
        }
        Files.writeString(temp, content + "\n", StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                workers.execute(() -> serve(socket));
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                logger.warn("Administration endpoint: accept failed: {}", e.getMessage());
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            // a caller that sends nothing must not hold a worker: the two request lines come at once or not at all
            socket.setSoTimeout(REQUEST_TIMEOUT_MILLIS);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            String presented = in.readLine();
            if (presented == null || !MessageDigest.isEqual(token, presented.trim().getBytes(StandardCharsets.US_ASCII))) {
                logger.warn("Administration endpoint: refused a connection with a wrong token");
                reply(out, "Error: wrong or missing administration token (see " + runFolder.resolve(TOKEN_FILE) + ")", 3);
                return;
            }
            String command = in.readLine();
            if (command == null || command.isBlank()) {
                reply(out, "Error: no command given", 2);
                return;
            }
            run(command.trim(), out);
        } catch (IOException e) {
            logger.debug("Administration connection ended: {}", e.getMessage());
        }
    }

    private void run(String command, OutputStream out) throws IOException {
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int status = 0;
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), print, print)) {
            Object result = executeWhenReady(session, command);
            if (result != null) {
                CharSequence text = session.format(result, Converter.INSPECT);
                print.println(text);
            }
        } catch (UsageException e) {
            print.println(e.getMessage());
            status = 2;
        } catch (Exception e) {
            status = status(e);
            List<String> usage = status == 2 ? CommandUsage.of(context, firstWord(command)) : List.of();
            if (!usage.isEmpty()) {
                print.println("Error: wrong arguments for " + firstWord(command));
                usage.forEach(print::println);
            } else {
                // Gogo reports an unknown command as an exception; the message is the explanation. One without a
                // message is a fault, not an answer: the console gets a sentence, the log the exception
                String message = e.getMessage();
                if (message == null || message.isBlank()) {
                    logger.warn("Console command '{}' failed", firstWord(command), e);
                    message = "the command failed unexpectedly; see " + logFile;
                }
                print.println("Error: " + message);
            }
        }
        print.print(EXIT_MARKER + status + "\n");
        print.flush();
        logger.info("Console command '{}' finished with status {}", firstWord(command), status);
    }

    /**
     * Runs the command; one that Gogo does not know yet while the server is still starting (its module's commands
     * are not registered yet) is run again once the server is ready, or fails after the configured wait.
     */
    private Object executeWhenReady(CommandSession session, String command) throws Exception {
        try {
            return session.execute(command);
        } catch (IllegalArgumentException e) {
            if (!commandNotFound(e) || readiness.isReady()) {
                throw e;
            }
            logger.info("Console command '{}' waits for the server to be ready", firstWord(command));
            if (!readiness.awaitReady(readyWaitMillis)) {
                throw new IllegalStateException(e.getMessage() + " (the server is still starting: steward:status)");
            }
            return session.execute(command);
        }
    }

    /** Gogo's CommandNotFoundException is not exported API: known by name. */
    private static boolean commandNotFound(Exception e) {
        return "CommandNotFoundException".equals(e.getClass().getSimpleName());
    }

    /** 3 refused, 2 wrong arguments, 1 any other failure: the statuses bin/steward-admin documents. */
    private static int status(Exception e) {
        if (e instanceof AccessDeniedException) {
            return 3;
        }
        // Gogo's only sign of a known command called with arguments none of its methods takes
        boolean wrongArguments = e instanceof IllegalArgumentException
                && String.valueOf(e.getMessage()).startsWith("Cannot coerce ");
        return wrongArguments ? 2 : 1;
    }

    private static String firstWord(String command) {
        int space = command.indexOf(' ');
        return space < 0 ? command : command.substring(0, space);
    }

    private static void reply(OutputStream out, String message, int status) throws IOException {
        out.write((message + "\n" + EXIT_MARKER + status + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Deactivate
    void close() throws IOException {
        server.close();
        workers.shutdownNow();
        Files.deleteIfExists(runFolder.resolve(PORT_FILE));
        Files.deleteIfExists(runFolder.resolve(TOKEN_FILE));
    }
}
