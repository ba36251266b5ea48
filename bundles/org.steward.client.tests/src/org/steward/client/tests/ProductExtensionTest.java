package org.steward.client.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtension;
import org.eclipse.core.runtime.Platform;
import org.junit.jupiter.api.Test;

/** The launcher finds the client only through this extension, so a typo here means a client that does not start. */
class ProductExtensionTest {

    @Test
    void declaresTheStewardProductOnTheE4Application() {
        IExtension extension = Platform.getExtensionRegistry()
                .getExtension("org.eclipse.core.runtime.products", "org.steward.client.product");
        assertNotNull(extension, "product org.steward.client.product is not registered (plugin.xml packaged?)");
        IConfigurationElement product = extension.getConfigurationElements()[0];

        assertEquals("org.eclipse.e4.ui.workbench.swt.E4Application", product.getAttribute("application"));
        Map<String, String> properties = Arrays.stream(product.getChildren("property"))
                .collect(Collectors.toMap(p -> p.getAttribute("name"), p -> p.getAttribute("value")));
        assertEquals("Steward", properties.get("appName"));
        assertEquals("org.steward.client/Application.e4xmi", properties.get("applicationXMI"));
    }
}
