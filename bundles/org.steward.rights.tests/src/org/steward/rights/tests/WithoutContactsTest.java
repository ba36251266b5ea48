package org.steward.rights.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.steward.contacts.Contacts;
import org.steward.core.NotFoundException;
import org.steward.core.PersonId;
import org.steward.core.UnavailableException;
import org.steward.core.spi.ExportedFile;
import org.steward.core.spi.PersonalDataProvider;
import org.steward.rights.ErasureReport;
import org.steward.rights.ErasureState;
import org.steward.rights.ErasureStep;
import org.steward.rights.ExportReport;
import org.steward.rights.RequestRegister;
import org.steward.rights.RequestType;
import org.steward.rights.RightsRequest;
import org.steward.rights.SubjectRights;
import org.steward.testing.Osgi;

/**
 * The rights module covers whatever is installed: with the contacts bundle stopped it stays active, an access export
 * covers exactly the providers registered then (a partner's file included), erasure completes over them, and only
 * what needs contacts (an e-mail address to a person) answers that the contacts module is not installed. When
 * contacts comes back, so does the look-up, without a restart of rights.
 */
class WithoutContactsTest {

    private final BundleContext context = Osgi.context(WithoutContactsTest.class);

    @Test
    void withTheContactsBundleStoppedAnAccessExportCoversExactlyTheInstalledProviders() throws Exception {
        Bundle contacts = Osgi.bundle(context, "org.steward.contacts");
        Osgi.service(context, Contacts.class);
        Object rightsBefore = context.getServiceReference(SubjectRights.class).getProperty(Constants.SERVICE_ID);
        PersonId person = PersonId.random();
        String planted = Fixture.unique("member-");
        byte[] card = ("partner card of " + planted + "\n").getBytes(StandardCharsets.UTF_8);
        try (MemoryProvider partner = new MemoryProvider("test-partner", "member",
                MemoryProvider.category("membership", List.of("memberNumber"), "membership", "contract", null,
                        "1 year")).register(context)) {
            partner.plant(person, Map.of("memberNumber", planted), "import");
            partner.attach(person, new ExportedFile("card.txt", "text/plain", card));
            contacts.stop();
            try {
                assertEquals(Bundle.RESOLVED, contacts.getState());
                SubjectRights rights = Osgi.service(context, SubjectRights.class);
                RequestRegister register = Osgi.service(context, RequestRegister.class);
                assertEquals(rightsBefore, context.getServiceReference(SubjectRights.class)
                        .getProperty(Constants.SERVICE_ID), "the rights component stays active without contacts");

                Set<String> installed = installedModules();
                assertFalse(installed.contains("contacts"), installed.toString());
                assertTrue(installed.contains("test-partner"), installed.toString());
                ExportReport export = rights.export(person, Path.of(Fixture.unique("no-contacts-") + ".zip"),
                        Optional.empty(), Fixture.officer());
                Set<String> expected = new TreeSet<>(installed);
                expected.add("audit");
                expected.add(RequestRegister.MODULE);
                assertEquals(expected, new TreeSet<>(export.recordsPerModule().keySet()),
                        "the export covers exactly the installed providers, the audit trail and the requests");
                assertEquals(1, export.recordsPerModule().get("test-partner"));
                Map<String, byte[]> zip = Fixture.unzipBytes(export.file());
                assertArrayEquals(card, zip.get("test-partner/card.txt"), "the partner's own file is in its folder");
                assertTrue(new String(zip.get("data.json"), StandardCharsets.UTF_8).contains(planted));
                assertTrue(new String(zip.get("summary.txt"), StandardCharsets.UTF_8)
                        .contains("test-partner/card.txt (text/plain)"));
                assertTrue(zip.keySet().stream().noneMatch(name -> name.startsWith("contacts/")), zip.keySet()
                        .toString());

                UnavailableException byEmail = assertThrows(UnavailableException.class, () -> register.register(
                        RequestType.ACCESS, Fixture.unique("nc.") + "@example.org", null, "e-mail",
                        Fixture.officer()));
                assertTrue(byEmail.getMessage().contains("contacts module is not installed"), byEmail.getMessage());
                assertThrows(UnavailableException.class,
                        () -> rights.personByEmail(Fixture.unique("nc.") + "@example.org", Fixture.officer()));
                RightsRequest byId = register.register(RequestType.ERASURE, person, null, "letter",
                        Fixture.officer());
                assertEquals(person, byId.person(), "a request by person id needs no contacts");

                ErasureReport erased = rights.erase(person, Fixture.officer());
                assertEquals(ErasureState.DONE, erased.state(), erased.toString());
                assertTrue(erased.steps().stream().map(ErasureStep::module).noneMatch("contacts"::equals),
                        erased.toString());
                assertEquals(List.of(), partner.held(person), "the partner's records are erased");
            } finally {
                contacts.start();
            }
        }
        Osgi.service(context, Contacts.class);
        SubjectRights rights = Osgi.service(context, SubjectRights.class);
        long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
        while (true) {
            try {
                rights.personByEmail(Fixture.unique("back.") + "@example.org", Fixture.officer());
                throw new AssertionError("an address nobody has was resolved to a person");
            } catch (NotFoundException expected) {
                break; // with contacts back an unknown address is simply not found
            } catch (UnavailableException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Osgi.sleep(100);
            }
        }
    }

    /** The module of every personal-data provider registered now, named as the rights module names them. */
    private Set<String> installedModules() throws Exception {
        Set<String> modules = new TreeSet<>();
        for (ServiceReference<PersonalDataProvider> ref : context.getServiceReferences(PersonalDataProvider.class,
                null)) {
            Object module = ref.getProperty(PersonalDataProvider.MODULE_PROPERTY);
            if (module != null && !module.toString().isBlank()) {
                modules.add(module.toString().trim());
            } else {
                PersonalDataProvider provider = context.getService(ref);
                if (provider != null) {
                    modules.add(provider.module());
                    context.ungetService(ref);
                }
            }
        }
        return modules;
    }
}
