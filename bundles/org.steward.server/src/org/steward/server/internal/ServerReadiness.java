package org.steward.server.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.steward.core.DataDirectory;
import org.steward.core.StewardModules;

/**
 * Says when the server is ready: the framework has reached its final start level and every started Steward module
 * (a bundle with the {@code Steward-Module} header, ours or a partner's) has all its enabled components satisfied,
 * so their services and console commands are registered, and the configuration files of the deploy folder have
 * reached Configuration Admin; the state must hold for half a second. Nothing lists the modules: they are read from the running
 * framework and from Declarative Services' runtime view. Ready is a start-up signal: it stays once reached, while
 * {@code steward:status} keeps naming what is not satisfied afterwards.
 */
@Component(immediate = true, service = ServerReadiness.class, property = { "osgi.command.scope=steward",
        "osgi.command.function=status" })
public final class ServerReadiness {

    static final String READY_FILE = "server.ready";
    private static final long POLL_MILLIS = 50;
    private static final int SETTLE_POLLS = 10;

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final Logger logger;
    private final Path readyMarker;
    private final int finalStartLevel;
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile boolean closed;

    @Activate
    public ServerReadiness(BundleContext context, @Reference ServiceComponentRuntime scr,
            @Reference(service = LoggerFactory.class) Logger logger,
            @Reference DataDirectory dataDirectory) {
        this.context = context;
        this.scr = scr;
        this.logger = logger;
        this.readyMarker = dataDirectory.area("run").resolve(READY_FILE);
        this.finalStartLevel = beginningStartLevel(context);
        try {
            Files.deleteIfExists(readyMarker);
        } catch (IOException e) {
            logger.warn("Cannot remove the stale {}: {}", readyMarker, e.getMessage());
        }
        Thread watcher = new Thread(this::awaitReady, "steward-readiness");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Equinox raises the start level after the framework is ACTIVE; the modules start on the way up. */
    private static int beginningStartLevel(BundleContext context) {
        for (String property : new String[] { "org.osgi.framework.startlevel.beginning", "osgi.startLevel" }) {
            String value = context.getProperty(property);
            if (value != null && value.trim().matches("\\d+")) {
                return Integer.parseInt(value.trim());
            }
        }
        return 6;
    }

    private void awaitReady() {
        int quiet = 0;
        // held for a moment: a configuration FileInstall delivers makes Declarative Services reactivate the
        // components it configures, and they unregister their commands meanwhile
        while (!closed && quiet < SETTLE_POLLS) {
            quiet = report().waiting().isEmpty() ? quiet + 1 : 0;
            sleepQuietly(POLL_MILLIS);
        }
        if (closed) {
            return;
        }
        ready.countDown();
        List<String> failed = report().failed();
        try {
            // bin/steward-server --background reads the first word
            Files.writeString(readyMarker, (failed.isEmpty() ? "ready " : "failed ") + Instant.now()
                    + System.lineSeparator());
        } catch (IOException e) {
            logger.warn("Cannot write {}: {}", readyMarker, e.getMessage());
        }
        if (failed.isEmpty()) {
            logger.info("Steward server ready");
        } else {
            logger.warn("Steward server started, but not every module: {}", String.join("; ", failed));
        }
    }

    boolean isReady() {
        return ready.getCount() == 0;
    }

    /** Waits until the server is ready; false when it was not within the time. */
    boolean awaitReady(long millis) throws InterruptedException {
        return ready.await(millis, TimeUnit.MILLISECONDS);
    }

    @Descriptor("Says whether the server is starting or ready, and names the modules still activating")
    public String status() {
        Report report = report();
        StringBuilder text = new StringBuilder(
                !isReady() ? "starting" : report.failed().isEmpty() ? "ready" : "ready, with failures");
        if (!report.waiting().isEmpty()) {
            text.append(System.lineSeparator()).append(isReady() ? "not satisfied:" : "still activating:");
            report.waiting().forEach(line -> text.append(System.lineSeparator()).append("  ").append(line));
        }
        if (!report.failed().isEmpty()) {
            text.append(System.lineSeparator()).append("failed:");
            report.failed().forEach(line -> text.append(System.lineSeparator()).append("  ").append(line));
        }
        if (!report.absent().isEmpty()) {
            text.append(System.lineSeparator()).append("waiting for a service nothing installed provides:");
            report.absent().forEach(line -> text.append(System.lineSeparator()).append("  ").append(line));
        }
        return text.toString();
    }

    /**
     * What keeps the server from being ready; what failed; and what waits for a service nothing installed provides
     * (breaches' alerts wait for an Event Admin the server product does not ship): waiting will not mend these two.
     */
    record Report(List<String> waiting, List<String> failed, List<String> absent) {
    }

    /**
     * One line per module that is not up yet: below the final start level every module not yet started counts;
     * then only the started ones whose components wait for a reference or a configuration they may still get.
     */
    Report report() {
        List<String> waiting = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        Set<String> hopeless = hopeless();
        boolean levelReached = context.getBundle(0).adapt(FrameworkStartLevel.class).getStartLevel() >= finalStartLevel;
        if (!levelReached) {
            waiting.add("the framework (start level "
                    + context.getBundle(0).adapt(FrameworkStartLevel.class).getStartLevel() + " of " + finalStartLevel
                    + ")");
        }
        waiting.addAll(undeliveredConfigurations());
        List<Bundle> modules = StewardModules.installed(context).stream().map(m -> context.getBundle(m.bundleId()))
                .filter(java.util.Objects::nonNull).toList();
        for (Bundle module : modules) {
            int state = module.getState();
            if (state == Bundle.ACTIVE || state == Bundle.STARTING && lazy(module)) {
                components(module, hopeless, waiting, failed, absent);
            } else if (state == Bundle.INSTALLED) {
                failed.add(module.getSymbolicName() + ": not resolved (diag " + module.getBundleId() + ")");
            } else if (!levelReached && (state == Bundle.RESOLVED || state == Bundle.STARTING)) {
                waiting.add(module.getSymbolicName() + ": " + StewardModules.stateName(state));
            }
        }
        return new Report(waiting, failed, absent);
    }

    /**
     * The configuration files of the deploy folder (FileInstall's {@code felix.fileinstall.dir}) that Configuration
     * Admin does not hold yet: the modules they configure would start once with defaults, then again.
     */
    private List<String> undeliveredConfigurations() {
        String folder = context.getProperty("felix.fileinstall.dir");
        ServiceReference<ConfigurationAdmin> reference = context.getServiceReference(ConfigurationAdmin.class);
        if (folder == null || reference == null) {
            return List.of();
        }
        List<String> pending = new ArrayList<>();
        ConfigurationAdmin configurations = context.getService(reference);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(folder), "*.{cfg,config}")) {
            for (Path file : files) {
                String filter = "(felix.fileinstall.filename=*/" + ldapEscape(file.getFileName().toString()) + ")";
                if (configurations != null && configurations.listConfigurations(filter) == null) {
                    pending.add("deploy/" + file.getFileName() + ": not yet read");
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            // no deploy folder, or a file name no filter can hold: nothing to wait for
        } finally {
            context.ungetService(reference);
        }
        return pending;
    }

    private static String ldapEscape(String value) {
        return value.replace("\\", "\\\\").replace("*", "\\*").replace("(", "\\(").replace(")", "\\)");
    }

    private static String key(ComponentDescriptionDTO description) {
        return description.bundle.id + "/" + description.name;
    }

    /**
     * The components that wait for a service no enabled component could ever provide, directly or through a chain
     * of such waits (a fixpoint over Declarative Services' view). Services registered without DS come from bundles
     * that have started by the final start level, so they are there or will not come.
     */
    private Set<String> hopeless() {
        Map<ComponentDescriptionDTO, Collection<ComponentConfigurationDTO>> components = new HashMap<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (scr.isComponentEnabled(description)) {
                components.put(description, scr.getComponentConfigurationDTOs(description));
            }
        }
        Set<String> hopeless = new HashSet<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            Set<String> provided = new HashSet<>();
            components.forEach((description, configurations) -> {
                boolean failed = !configurations.isEmpty() && configurations.stream()
                        .allMatch(c -> c.state == ComponentConfigurationDTO.FAILED_ACTIVATION);
                if (!configurations.isEmpty() && !failed && !hopeless.contains(key(description))) {
                    provided.addAll(Arrays.asList(description.serviceInterfaces));
                }
            });
            for (Map.Entry<ComponentDescriptionDTO, Collection<ComponentConfigurationDTO>> entry : components.entrySet()) {
                ComponentDescriptionDTO description = entry.getKey();
                if (hopeless.contains(key(description))) {
                    continue;
                }
                boolean waitsInVain = entry.getValue().stream()
                        .filter(c -> c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE)
                        .flatMap(c -> Arrays.stream(c.unsatisfiedReferences))
                        .map(r -> interfaceOf(description, r.name))
                        .anyMatch(type -> type != null && !provided.contains(type));
                if (waitsInVain) {
                    hopeless.add(key(description));
                    changed = true;
                }
            }
        }
        return hopeless;
    }

    private static String interfaceOf(ComponentDescriptionDTO description, String reference) {
        return Arrays.stream(description.references).filter(r -> r.name.equals(reference)).map(r -> r.interfaceName)
                .findFirst().orElse(null);
    }

    private static boolean lazy(Bundle bundle) {
        String policy = bundle.getHeaders("").get("Bundle-ActivationPolicy");
        return policy != null && policy.trim().startsWith("lazy");
    }

    /** Adds the module's enabled components that wait, and those that failed, one line for each kind. */
    private void components(Bundle module, Set<String> hopeless, List<String> moduleWaiting,
            List<String> moduleFailed, List<String> moduleAbsent) {
        String bsn = module.getSymbolicName();
        Collection<ComponentDescriptionDTO> descriptions = scr.getComponentDescriptionDTOs(module);
        if (descriptions.isEmpty()) {
            if (module.getHeaders("").get("Service-Component") != null) {
                moduleWaiting.add(bsn + ": components not yet read");
            }
            return;
        }
        List<String> waiting = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (ComponentDescriptionDTO description : descriptions) {
            // a component that requires a configuration nobody gave is not expected to run
            if ("require".equals(description.configurationPolicy) || !scr.isComponentEnabled(description)) {
                continue;
            }
            Collection<ComponentConfigurationDTO> configurations = scr.getComponentConfigurationDTOs(description);
            if (configurations.isEmpty()) {
                waiting.add(shortName(description.name) + " (not yet configured)");
            }
            for (ComponentConfigurationDTO configuration : configurations) {
                if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                    String line = shortName(description.name) + " (waits for "
                            + Arrays.stream(configuration.unsatisfiedReferences)
                                    .map(r -> r.name + ": " + shortName(String.valueOf(interfaceOf(description, r.name))))
                                    .collect(Collectors.joining(", "))
                            + ")";
                    (hopeless.contains(key(description)) ? absent : waiting).add(line);
                } else if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION) {
                    waiting.add(shortName(description.name) + " (waits for its configuration)");
                } else if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    failed.add(shortName(description.name) + " (failed to activate; see steward.log)");
                }
            }
        }
        if (!waiting.isEmpty()) {
            moduleWaiting.add(bsn + ": " + String.join(", ", waiting));
        }
        if (!failed.isEmpty()) {
            moduleFailed.add(bsn + ": " + String.join(", ", failed));
        }
        if (!absent.isEmpty()) {
            moduleAbsent.add(bsn + ": " + String.join(", ", absent));
        }
    }

    private static String shortName(String componentName) {
        return componentName.substring(componentName.lastIndexOf('.') + 1);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Deactivate
    void deactivate() {
        closed = true;
        try {
            Files.deleteIfExists(readyMarker);
        } catch (IOException e) {
            // a stale marker is removed at the next start
        }
    }
}
