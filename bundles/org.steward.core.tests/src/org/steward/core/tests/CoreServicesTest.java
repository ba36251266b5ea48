package org.steward.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.core.DataDirectory;
import org.steward.core.StewardModule;
import org.steward.core.StewardModules;
import org.steward.testing.Osgi;

/** The core services as the framework runs them. */
class CoreServicesTest {

    private final BundleContext context = Osgi.context(CoreServicesTest.class);

    @Test
    void dataDirectoryComesFromTheFrameworkProperty() {
        DataDirectory directory = Osgi.service(context, DataDirectory.class);
        Path expected = Path.of(context.getProperty(DataDirectory.PROPERTY)).toAbsolutePath().normalize();
        assertEquals(expected, directory.root());
        Path logs = directory.area("logs");
        assertTrue(Files.isDirectory(logs));
        assertEquals(expected.resolve("logs"), logs);
        assertThrows(IllegalArgumentException.class, () -> directory.area("../outside"));
        assertThrows(IllegalArgumentException.class, () -> directory.area("/etc"));
    }

    @Test
    void modulesListOnlyBundlesThatDeclareTheHeader() {
        var modules = StewardModules.installed(context);
        StewardModule core = modules.stream().filter(m -> m.symbolicName().equals("org.steward.core")).findFirst()
                .orElseThrow(() -> new AssertionError("core is not listed: " + modules));
        assertEquals("Core", core.name());
        assertEquals("ACTIVE", core.state());
        assertTrue(modules.stream().noneMatch(m -> m.symbolicName().endsWith(".tests")), modules.toString());
        assertTrue(modules.stream().noneMatch(m -> m.symbolicName().startsWith("org.eclipse")), modules.toString());
    }
}
