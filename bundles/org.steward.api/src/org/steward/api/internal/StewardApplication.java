package org.steward.api.internal;

import jakarta.ws.rs.core.Application;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.steward.api.StewardApi;

/**
 * The whiteboard application every Steward resource selects, served at {@code /api/v1}: {@code /api} is the context
 * path of the REST whiteboard on the servlet whiteboard ({@link WhiteboardSetup}), {@code v1} this application's base.
 * It holds nothing itself: resources and extensions are services that select it, and come and go with their bundles.
 */
@Component(service = Application.class, property = { "osgi.jakartars.name=" + StewardApi.APPLICATION,
        "osgi.jakartars.application.base=" + StewardApplication.BASE })
@Designate(ocd = ApiConfiguration.class)
public final class StewardApplication extends Application {

    static final String BASE = "v1";
}
