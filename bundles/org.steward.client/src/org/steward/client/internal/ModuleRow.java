package org.steward.client.internal;

import java.util.List;

/**
 * One line of the About dialog's module table, already in the words a person reads there, so the table can be checked
 * without opening a window.
 */
public record ModuleRow(String name, String bundle, String version, String state) {

    /** Column headers, in the order of {@link #cells()}. */
    public static final List<String> HEADERS = List.of("Module", "Bundle", "Version", "State");

    public List<String> cells() {
        return List.of(name, bundle, version, state);
    }
}
