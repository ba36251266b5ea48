package org.steward.server.internal;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.steward.core.StewardModule;
import org.steward.core.StewardModules;

/** {@code steward:modules}: the installed Steward capabilities, ours and partners'. */
@Component(service = ModuleCommands.class, property = { "osgi.command.scope=steward",
        "osgi.command.function=modules" })
public final class ModuleCommands {

    private final BundleContext context;

    @Activate
    public ModuleCommands(BundleContext context) {
        this.context = context;
    }

    @Descriptor("Lists the installed Steward modules: name, bundle, version and state")
    public String modules() {
        List<StewardModule> modules = StewardModules.installed(context);
        int nameWidth = Math.max(6, modules.stream().mapToInt(m -> m.name().length()).max().orElse(0));
        int bsnWidth = Math.max(6, modules.stream().mapToInt(m -> m.symbolicName().length()).max().orElse(0));
        String format = "%-" + nameWidth + "s  %-" + bsnWidth + "s  %-22s  %s";
        String header = String.format(format, "Module", "Bundle", "Version", "State");
        return header + System.lineSeparator() + modules.stream()
                .map(m -> String.format(format, m.name(), m.symbolicName(), m.version(), m.state()))
                .collect(Collectors.joining(System.lineSeparator()));
    }
}
