package org.steward.client.internal;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.FrameworkUtil;

/** Help &gt; About Steward. */
public final class AboutHandler {

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        // Read on every invocation: modules may have been installed or stopped since the last time.
        AboutContent content = AboutContent.of(FrameworkUtil.getBundle(AboutHandler.class).getBundleContext());
        new AboutDialog(shell, content).open();
    }
}
