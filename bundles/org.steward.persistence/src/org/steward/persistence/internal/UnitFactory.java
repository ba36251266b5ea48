package org.steward.persistence.internal;

import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWiring;
import org.steward.core.UnavailableException;

import jakarta.persistence.EntityManagerFactory;

/**
 * Creates an EclipseLink factory for a module's persistence unit inside OSGi, without a JPA extender: the module's
 * class loader goes in as a property and as the context class loader, weaving stays off.
 */
final class UnitFactory {

    private UnitFactory() {
    }

    static EntityManagerFactory create(Bundle owner, String unitName, DataSource dataSource) {
        BundleWiring wiring = owner.adapt(BundleWiring.class);
        if (wiring == null) {
            throw new UnavailableException("The bundle " + owner.getSymbolicName() + " is not resolved; its unit '"
                    + unitName + "' cannot be opened");
        }
        ClassLoader loader = new BundleUnitClassLoader(wiring.getClassLoader(), UnitFactory.class.getClassLoader());
        Map<String, Object> properties = new HashMap<>();
        properties.put(PersistenceUnitProperties.CLASSLOADER, loader);
        properties.put(PersistenceUnitProperties.NON_JTA_DATASOURCE, dataSource);
        properties.put(PersistenceUnitProperties.TRANSACTION_TYPE, "RESOURCE_LOCAL");
        properties.put(PersistenceUnitProperties.WEAVING, "false");
        properties.put(PersistenceUnitProperties.DDL_GENERATION, PersistenceUnitProperties.CREATE_OR_EXTEND);
        properties.put(PersistenceUnitProperties.DDL_GENERATION_MODE,
                PersistenceUnitProperties.DDL_DATABASE_GENERATION);
        properties.put(PersistenceUnitProperties.SESSION_NAME, unitName + "@" + owner.getBundleId());
        properties.put(PersistenceUnitProperties.LOGGING_LEVEL, "WARNING");
        // bind parameters may be personal values: never log them
        properties.put(PersistenceUnitProperties.LOGGING_PARAMETERS, "false");
        properties.put(PersistenceUnitProperties.DEPLOY_ON_STARTUP, "true");

        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            EntityManagerFactory factory = new PersistenceProvider().createEntityManagerFactory(unitName, properties);
            if (factory == null) {
                throw new UnavailableException("The bundle " + owner.getSymbolicName()
                        + " has no persistence unit named '" + unitName + "' in META-INF/persistence.xml");
            }
            return factory;
        } catch (RuntimeException e) {
            if (e instanceof UnavailableException) {
                throw e;
            }
            throw new UnavailableException("Cannot open the persistence unit '" + unitName + "' of "
                    + owner.getSymbolicName() + ": " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
