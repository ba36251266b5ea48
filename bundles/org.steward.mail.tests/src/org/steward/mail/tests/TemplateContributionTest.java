package org.steward.mail.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.steward.core.ValidationException;
import org.steward.mail.MailTemplates;
import org.steward.testing.LogCapture;
import org.steward.testing.Osgi;

/**
 * Templates are contributed by the modules' bundles ({@code Steward-Mail-Templates}) and come and go with them; a
 * second bundle's template of a name that is taken is refused, naming both bundles.
 */
class TemplateContributionTest {

    private static final String PROBE = "org.steward.mail.tests.probe";
    private static BundleContext context;
    private static MailTemplates templates;

    @BeforeAll
    static void setUp() {
        context = Osgi.context(TemplateContributionTest.class);
        templates = Osgi.service(context, MailTemplates.class);
    }

    /** A bundle that carries nothing but a folder of templates, built in memory. */
    private static Bundle installProbe(Map<String, String> files) throws Exception {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", PROBE);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue(MailTemplates.TEMPLATES_HEADER, "probe-templates");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                jar.putNextEntry(new JarEntry("probe-templates/" + file.getKey()));
                jar.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return context.installBundle("memory:" + PROBE, new ByteArrayInputStream(bytes.toByteArray()));
    }

    @Test
    void theTemplatesOfAModuleComeAndGoWithItsBundle() throws Exception {
        Bundle consent = Osgi.bundle(context, "org.steward.consent");
        assertEquals(Optional.of("org.steward.consent"), templates.contributor("consent-request"));
        assertEquals(Optional.of("org.steward.tickets"), templates.contributor("ticket-reply"));
        assertEquals(Optional.of("org.steward.breaches"), templates.contributor("breach-notice"));
        consent.stop();
        try {
            for (String name : new String[] { "consent-confirmation", "consent-request", "unsubscribed" }) {
                assertFalse(templates.templates().contains(name), name + " left with its bundle");
                assertEquals(Optional.empty(), templates.contributor(name));
            }
            ValidationException gone = assertThrows(ValidationException.class, () -> templates.render(
                    "consent-request", Locale.ENGLISH, Map.of("purpose", "News", "link", "https://example.org/r")));
            assertEquals("template", gone.field());
            assertTrue(templates.templates().contains("ticket-reply"), "other modules' templates stay");
        } finally {
            consent.start();
        }
        assertEquals(Optional.of("org.steward.consent"), templates.contributor("consent-request"));
        assertEquals("May we write to you about News?", templates.render("consent-request", Locale.ENGLISH,
                Map.of("purpose", "News", "link", "https://example.org/r")).subject());
    }

    @Test
    void aClashIsRefusedNamingBothBundlesAndTheFirstStays() throws Exception {
        Bundle probe;
        try (LogCapture log = new LogCapture(context)) {
            probe = installProbe(Map.of(
                    "consent-request/en.txt", "Subject: Not the real request {{purpose}}\n\nBody {{link}}\n",
                    "probe-notice/en.txt", "Subject: Probe for {{name}}\n\nHello {{name}},\n\nthis is a probe.\n",
                    "probe-notice/fr.txt", "Subject: Sonde pour {{name}}\n\nBonjour {{name}},\n\nune sonde.\n"));
            probe.start();
            String refused = log.await("consent-request", PROBE, "org.steward.consent");
            assertTrue(refused.contains("refused"), refused);
        }
        try {
            assertEquals(Optional.of("org.steward.consent"), templates.contributor("consent-request"),
                    "the first bundle keeps its template");
            assertEquals("May we write to you about News?", templates.render("consent-request", Locale.ENGLISH,
                    Map.of("purpose", "News", "link", "https://example.org/r")).subject());
            assertEquals(Optional.of(PROBE), templates.contributor("probe-notice"));
            assertEquals(2, templates.languages("probe-notice").size());
            assertEquals("Sonde pour Ada", templates.render("probe-notice", Locale.FRENCH, Map.of("name", "Ada"))
                    .subject());

            probe.stop();
            assertFalse(templates.templates().contains("probe-notice"), "a stopped bundle's templates go");
            assertEquals(Optional.of("org.steward.consent"), templates.contributor("consent-request"));
        } finally {
            probe.uninstall();
        }
        assertFalse(templates.templates().contains("probe-notice"));
    }
}
