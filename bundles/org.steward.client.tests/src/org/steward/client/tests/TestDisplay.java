package org.steward.client.tests;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;

/**
 * SWT for tests that run without the workbench: the test thread owns the display. GTK allows one display per process,
 * so every test class shares it and it lives until the test JVM exits.
 */
final class TestDisplay {

    private TestDisplay() {
    }

    static Display get() {
        Display current = Display.getCurrent();
        return current != null ? current : new Display();
    }

    /** Lets SWT lay out and paint what a test just opened, as the event loop of a running client would. */
    static void settle(Display display) {
        while (display.readAndDispatch()) {
            // keep dispatching until the queue is empty
        }
    }

    static <T extends Control> List<T> findAll(Control root, Class<T> type) {
        List<T> found = new ArrayList<>();
        collect(root, type, found);
        return found;
    }

    static <T extends Control> T findOne(Control root, Class<T> type) {
        List<T> found = findAll(root, type);
        if (found.size() != 1) {
            throw new AssertionError("Expected exactly one " + type.getSimpleName() + " but found " + found.size());
        }
        return found.get(0);
    }

    private static <T extends Control> void collect(Control control, Class<T> type, List<T> found) {
        if (type.isInstance(control)) {
            found.add(type.cast(control));
        }
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                collect(child, type, found);
            }
        }
    }
}
