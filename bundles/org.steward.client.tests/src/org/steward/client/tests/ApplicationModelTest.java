package org.steward.client.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.MApplicationFactory;
import org.eclipse.e4.ui.model.application.MContribution;
import org.eclipse.e4.ui.model.application.commands.MHandler;
import org.eclipse.e4.ui.model.application.ui.MElementContainer;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.model.application.ui.basic.MTrimmedWindow;
import org.eclipse.e4.ui.model.application.ui.menu.MHandledMenuItem;
import org.eclipse.e4.ui.model.application.ui.menu.MMenu;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.steward.client.internal.AboutHandler;
import org.steward.client.internal.ExitHandler;
import org.steward.client.internal.NavigatorPart;
import org.steward.testing.Osgi;

/** The application model as E4Application will load it, checked without starting a workbench. */
class ApplicationModelTest {

    private static final String BUNDLECLASS = "bundleclass://";

    private final BundleContext context = Osgi.context(ApplicationModelTest.class);
    private MApplication application;
    private MTrimmedWindow window;

    @BeforeEach
    void loadModel() throws Exception {
        // A running workbench registers the model's packages; creating one element does the same here.
        MApplicationFactory.INSTANCE.createApplication();
        URL entry = context.getBundle().getEntry("Application.e4xmi");
        assertNotNull(entry, "Application.e4xmi is not packaged in the bundle (build.properties bin.includes)");
        Resource resource = new XMIResourceImpl(URI.createURI("platform:/plugin/org.steward.client/Application.e4xmi"));
        try (InputStream in = entry.openStream()) {
            resource.load(in, Map.of());
        }
        assertEquals(List.of(), resource.getErrors(), "load errors");
        application = assertInstanceOf(MApplication.class, resource.getContents().get(0));
        window = assertInstanceOf(MTrimmedWindow.class, application.getChildren().get(0));
    }

    @Test
    void hasATrimmedWindowTitledSteward() {
        assertEquals(1, application.getChildren().size());
        assertEquals("Steward", window.getLabel());
    }

    @Test
    void helpAboutRunsTheAboutHandler() {
        MHandledMenuItem about = menuItem("Help", "About Steward");
        assertEquals(contribution(AboutHandler.class), handlerFor(about).getContributionURI());
    }

    @Test
    void fileExitRunsTheExitHandler() {
        MHandledMenuItem exit = menuItem("File", "Exit");
        assertEquals(contribution(ExitHandler.class), handlerFor(exit).getContributionURI());
    }

    @Test
    void aPartStackHoldsTheNavigator() {
        MPartStack stack = window.getChildren().stream().filter(MPartStack.class::isInstance)
                .map(MPartStack.class::cast).findFirst().orElseThrow(() -> new AssertionError("no part stack"));
        List<MPart> parts = stack.getChildren().stream().map(MPart.class::cast).toList();
        assertEquals(List.of("Navigator"), parts.stream().map(MPart::getLabel).toList());
        assertEquals(contribution(NavigatorPart.class), parts.get(0).getContributionURI());
    }

    /** A mistyped class in any part, handler or addon only shows when the workbench starts; catch it here. */
    @Test
    void everyContributedClassCanBeLoadedFromItsBundle() {
        List<String> uris = new ArrayList<>();
        ((EObject) application).eAllContents().forEachRemaining(element -> {
            if (element instanceof MContribution contribution) {
                uris.add(contribution.getContributionURI());
            }
        });
        assertFalse(uris.isEmpty());
        for (String uri : uris) {
            assertNotNull(uri, "a contribution without class");
            String[] bundleAndClass = uri.substring(BUNDLECLASS.length()).split("/", 2);
            Bundle bundle = Osgi.bundle(context, bundleAndClass[0]);
            try {
                bundle.loadClass(bundleAndClass[1]);
            } catch (ClassNotFoundException e) {
                throw new AssertionError(uri + " names a class its bundle does not have", e);
            }
        }
    }

    private MHandledMenuItem menuItem(String menuLabel, String itemLabel) {
        MMenu menu = child(window.getMainMenu(), menuLabel, MMenu.class);
        return child(menu, itemLabel, MHandledMenuItem.class);
    }

    private MHandler handlerFor(MHandledMenuItem item) {
        assertNotNull(item.getCommand(), item.getLabel() + " has no command");
        List<MHandler> handlers = application.getHandlers().stream()
                .filter(h -> h.getCommand() == item.getCommand()).toList();
        assertEquals(1, handlers.size(), "handlers for " + item.getCommand().getElementId());
        return handlers.get(0);
    }

    private static <T extends MUIElement> T child(MElementContainer<?> container, String label, Class<T> type) {
        assertNotNull(container);
        return container.getChildren().stream().filter(type::isInstance).map(type::cast)
                .filter(c -> label.equals(labelOf(c))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " labelled " + label));
    }

    private static String labelOf(MUIElement element) {
        if (element instanceof MMenu menu) {
            return menu.getLabel();
        }
        return element instanceof MHandledMenuItem item ? item.getLabel() : null;
    }

    private static String contribution(Class<?> type) {
        return BUNDLECLASS + "org.steward.client/" + type.getName();
    }
}
