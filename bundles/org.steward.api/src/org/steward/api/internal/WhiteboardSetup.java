package org.steward.api.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.core.UnavailableException;

/**
 * Switches the Jakarta REST whiteboard on: its servlet-whiteboard adapter (Eclipse OSGi Technology's
 * {@code JakartarsServletWhiteboardRuntimeComponent}) starts only with a configuration, which names the context path
 * {@code /api} under the HTTP service. An administrator's configuration of that PID is left as it is.
 */
@Component(immediate = true)
public final class WhiteboardSetup {

    static final String RUNTIME_PID = "JakartarsServletWhiteboardRuntimeComponent";

    @Activate
    public WhiteboardSetup(@Reference ConfigurationAdmin configurations) {
        try {
            Configuration runtime = configurations.getConfiguration(RUNTIME_PID, "?");
            if (runtime.getProperties() == null) {
                Dictionary<String, Object> properties = new Hashtable<>();
                properties.put("jersey.jakartars.whiteboard.name", "Steward REST API");
                properties.put("jersey.context.path", "api");
                runtime.update(properties);
            }
        } catch (IOException e) {
            throw new UnavailableException("The REST API could not be configured: Config Admin refused the "
                    + "configuration " + RUNTIME_PID, e);
        }
    }
}
