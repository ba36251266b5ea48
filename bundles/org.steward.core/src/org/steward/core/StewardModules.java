package org.steward.core;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** Lists the installed Steward modules, for the console and the client's About dialog. */
public final class StewardModules {

    private StewardModules() {
    }

    public static List<StewardModule> installed(BundleContext context) {
        return Arrays.stream(context.getBundles())
                .filter(b -> b.getHeaders("").get(StewardModule.HEADER) != null)
                .map(StewardModules::describe)
                .sorted(Comparator.comparing(StewardModule::symbolicName))
                .toList();
    }

    private static StewardModule describe(Bundle bundle) {
        return new StewardModule(bundle.getHeaders("").get(StewardModule.HEADER).trim(), bundle.getSymbolicName(),
                bundle.getVersion().toString(), stateName(bundle.getState()), bundle.getBundleId());
    }

    public static String stateName(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "UNKNOWN(" + state + ")";
        };
    }
}
