package org.steward.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.steward.testing.Osgi;

/** Every setting is typed and described for administrators, through the Metatype service. */
class ConfigurationDescriptionTest {

    private final BundleContext context = Osgi.context(ConfigurationDescriptionTest.class);

    private ObjectClassDefinition describe(String bundle, String pid) {
        MetaTypeService metatype = Osgi.service(context, MetaTypeService.class);
        MetaTypeInformation info = metatype.getMetaTypeInformation(Osgi.bundle(context, bundle));
        assertTrue(Arrays.asList(info.getPids()).contains(pid), pid + " is described by " + bundle);
        return info.getObjectClassDefinition(pid, null);
    }

    private static AttributeDefinition attribute(ObjectClassDefinition ocd, String id) {
        return Arrays.stream(ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)).filter(a -> a.getID().equals(id))
                .findFirst().orElseThrow(() -> new AssertionError(id + " is not described in " + ocd.getID()));
    }

    @Test
    void databaseSettingsAreDescribedAndThePasswordIsMarkedSecret() {
        ObjectClassDefinition ocd = describe("org.steward.persistence", "org.steward.persistence");
        assertFalse(ocd.getDescription().isBlank());
        for (String id : List.of("jdbcUrl", "user", ".password", "loginTimeoutSeconds")) {
            assertFalse(attribute(ocd, id).getDescription().isBlank(), id + " has a description");
        }
        assertEquals(AttributeDefinition.PASSWORD, attribute(ocd, ".password").getType());
        assertEquals(AttributeDefinition.INTEGER, attribute(ocd, "loginTimeoutSeconds").getType());
        assertEquals("10", attribute(ocd, "loginTimeoutSeconds").getDefaultValue()[0]);
    }

    @Test
    void logLevelOffersLabelledChoicesWithASafeDefault() {
        AttributeDefinition level = attribute(describe("org.steward.server", "org.steward.server.log"), "level");
        assertEquals(List.of("ERROR", "WARN", "INFO", "DEBUG"), Arrays.asList(level.getOptionValues()));
        assertTrue(Arrays.stream(level.getOptionLabels()).noneMatch(String::isBlank));
        assertEquals("INFO", level.getDefaultValue()[0]);
        assertNotNull(describe("org.steward.server", "org.steward.server.admin"));
    }
}
