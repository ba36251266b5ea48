package org.steward.client.internal;

import java.util.List;

import org.osgi.framework.BundleContext;
import org.steward.core.StewardModules;

/**
 * What the About dialog shows, gathered from the framework before the dialog opens so the dialog itself needs no
 * framework and can be shown on any shell.
 *
 * @param clientVersion the version of the client bundle
 * @param modules the installed Steward modules
 */
public record AboutContent(String clientVersion, List<ModuleRow> modules) {

    public AboutContent {
        modules = List.copyOf(modules);
    }

    /** Reads the state of the framework now; bundles started or stopped later are not reflected. */
    public static AboutContent of(BundleContext clientContext) {
        return new AboutContent(clientContext.getBundle().getVersion().toString(),
                ModuleRows.from(StewardModules.installed(clientContext)));
    }
}
