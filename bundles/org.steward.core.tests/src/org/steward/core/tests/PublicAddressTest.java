package org.steward.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.core.PublicAddress;
import org.steward.testing.Osgi;

/** The one base of the links modules mail, from the framework property (set in this bundle's pom). */
class PublicAddressTest {

    private final BundleContext context = Osgi.context(PublicAddressTest.class);

    @Test
    void linksArePathsBelowTheConfiguredAddressAndFullAddressesStayAsTheyAre() {
        PublicAddress address = Osgi.service(context, PublicAddress.class);
        assertEquals("https://crm.example.org/", context.getProperty(PublicAddress.PROPERTY));
        assertEquals(URI.create("https://crm.example.org"), address.base());
        assertEquals("https://crm.example.org/consent/confirm?token=", address.link("/consent/confirm?token="));
        assertEquals("https://crm.example.org/consent/accept?token=", address.link("consent/accept?token="));
        assertEquals("https://partner.example/optin?t=", address.link("https://partner.example/optin?t="));
        assertEquals("https://crm.example.org", address.link(""));
    }
}
