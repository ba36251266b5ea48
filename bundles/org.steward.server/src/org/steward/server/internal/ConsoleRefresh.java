package org.steward.server.internal;

import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@code refresh} that works without arguments. Gogo's {@code felix:refresh} answers a bare {@code refresh} (what an
 * admin types after {@code uninstall}) with a NullPointerException; registered with a higher ranking under the same
 * name, this one refreshes the bundles pending removal, or the ones named, and returns once the framework is done.
 */
@Component(service = ConsoleRefresh.class, property = { "osgi.command.scope=felix", "osgi.command.function=refresh",
        Constants.SERVICE_RANKING + ":Integer=100" })
public final class ConsoleRefresh {

    private static final long WAIT_SECONDS = 60;

    private final BundleContext context;

    @Activate
    public ConsoleRefresh(BundleContext context) {
        this.context = context;
    }

    @Descriptor("refreshes the bundles pending removal (after uninstall or update) and those wired to them")
    public String refresh() throws InterruptedException {
        return refresh((Collection<Bundle>) null);
    }

    @Descriptor("refreshes the given bundles and those wired to them")
    public String refresh(@Descriptor("target bundles") Bundle[] bundles) throws InterruptedException {
        return refresh(bundles == null || bundles.length == 0 ? null : Arrays.asList(bundles));
    }

    private String refresh(Collection<Bundle> bundles) throws InterruptedException {
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        int pending = wiring.getRemovalPendingBundles().size();
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(bundles, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        if (!done.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            return "The refresh is still running after " + WAIT_SECONDS + " s";
        }
        return bundles == null ? "Refreshed (" + pending + " bundles were pending removal)"
                : "Refreshed " + bundles.size() + " bundles";
    }
}
