package org.steward.encryption.internal;

import java.security.Provider;
import java.security.Security;
import java.util.Dictionary;
import java.util.Hashtable;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Registers Bouncy Castle as a JCA provider ({@code BC}) while this bundle is active and removes it when the bundle
 * stops, so that {@link Security} keeps no class of a stopped bundle; never a static initializer. The provider is also
 * offered as a {@link Provider} service (property {@code provider.name=BC}), so that a component configured to use
 * {@code BC} waits for it. A {@code BC} provider registered by someone else is used as it is and left in place.
 */
@Component(immediate = true)
public final class BouncyCastleRegistration {

    /** The service property that names a registered {@link Provider}. */
    public static final String PROVIDER_NAME = "provider.name";

    private final Logger logger;
    private final Provider provider;
    private final boolean added;
    private final ServiceRegistration<Provider> registration;

    @Activate
    public BouncyCastleRegistration(BundleContext context, @Reference(service = LoggerFactory.class) Logger logger) {
        this.logger = logger;
        Provider existing = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (existing != null) {
            this.provider = existing;
            this.added = false;
            logger.info("Bouncy Castle {} was already registered as a JCA provider; it is used as it is",
                    existing.getVersionStr());
        } else {
            this.provider = new BouncyCastleProvider();
            this.added = Security.addProvider(provider) != -1;
            logger.info("Registered Bouncy Castle {} as the JCA provider {}", provider.getVersionStr(),
                    provider.getName());
        }
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(PROVIDER_NAME, provider.getName());
        this.registration = context.registerService(Provider.class, provider, properties);
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework unregistered it while stopping the bundle
        }
        if (added) {
            Security.removeProvider(provider.getName());
            logger.info("Removed the JCA provider {}", provider.getName());
        }
    }
}
