package org.steward.client.internal;

import java.util.Comparator;
import java.util.List;

import org.steward.core.StewardModule;

/** Turns the installed Steward modules into the rows of the About dialog's table. */
public final class ModuleRows {

    // People scan the table by the name they know the module by, not by bundle id.
    private static final Comparator<ModuleRow> BY_NAME_THEN_BUNDLE = Comparator
            .comparing(ModuleRow::name, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(ModuleRow::bundle);

    private ModuleRows() {
    }

    public static List<ModuleRow> from(List<StewardModule> modules) {
        return modules.stream().map(ModuleRows::row).sorted(BY_NAME_THEN_BUNDLE).toList();
    }

    private static ModuleRow row(StewardModule module) {
        // An empty Steward-Module header still marks a module; without a display name the bundle is all we can show.
        String name = module.name().isBlank() ? module.symbolicName() : module.name();
        return new ModuleRow(name, module.symbolicName(), module.version(), module.state());
    }
}
