package org.steward.client.internal;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.IWorkbench;

/** File &gt; Exit. */
public final class ExitHandler {

    @Execute
    public void execute(IWorkbench workbench) {
        // Closing the workbench (not the window) lets it save its state and stop the application cleanly.
        workbench.close();
    }
}
