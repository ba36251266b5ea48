package org.steward.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.BundleContext;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/** Collects the OSGi log entries written while it is open, to assert what an administrator would read. */
public final class LogCapture implements LogListener, AutoCloseable {

    private final LogReaderService reader;
    private final List<LogEntry> entries = new CopyOnWriteArrayList<>();

    public LogCapture(BundleContext context) {
        this.reader = Osgi.service(context, LogReaderService.class);
        reader.addLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        entries.add(entry);
    }

    public List<String> messages() {
        return entries.stream().map(LogEntry::getMessage).toList();
    }

    /** Waits until a message containing every fragment was logged, and returns it. */
    public String await(String... fragments) {
        long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String message : messages()) {
                boolean all = true;
                for (String fragment : fragments) {
                    all &= message != null && message.contains(fragment);
                }
                if (all) {
                    return message;
                }
            }
            Osgi.sleep(20);
        }
        throw new AssertionError("No log message with " + List.of(fragments) + "; logged: " + messages());
    }

    @Override
    public void close() {
        reader.removeLogListener(this);
    }
}
