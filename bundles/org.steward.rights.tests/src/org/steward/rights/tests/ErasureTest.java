package org.steward.rights.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.audit.AuditLog;
import org.steward.audit.AuditQuery;
import org.steward.audit.Outcome;
import org.steward.core.PersonId;
import org.steward.encryption.BlindIndex;
import org.steward.encryption.ErasureBlocklist;
import org.steward.encryption.FieldEncryption;
import org.steward.encryption.KeyManagement;
import org.steward.rights.ErasureReport;
import org.steward.rights.ErasureState;
import org.steward.rights.ErasureStep;
import org.steward.rights.ExportReport;
import org.steward.rights.LegalHold;
import org.steward.rights.LegalHoldException;
import org.steward.rights.RequestRegister;
import org.steward.rights.RequestState;
import org.steward.rights.RequestType;
import org.steward.rights.RightsRequest;
import org.steward.rights.StepState;
import org.steward.rights.SubjectRights;
import org.steward.testing.Osgi;

/**
 * Erasure across modules: journaled and resumed after a crash, finished by crypto-shredding and a blocklist entry,
 * removing earlier exports, leaving no identifier in the data directory, and refused under a legal hold.
 */
class ErasureTest {

    private final BundleContext context = Osgi.context(ErasureTest.class);
    private final List<MemoryProvider> providers = new ArrayList<>();

    @AfterEach
    void unregister() {
        providers.forEach(MemoryProvider::close);
    }

    private MemoryProvider provider(String module) {
        MemoryProvider p = new MemoryProvider(module, "contact", MemoryProvider.category("contact details",
                List.of("firstName", "lastName", "email", "phone"), "crm", "contract", null, "1 year"));
        providers.add(p);
        return p;
    }

    private record Planted(PersonId person, String first, String last, String email, String phone) {
        List<String> identifiers() {
            return List.of(first, last, email, phone);
        }
    }

    private static Planted plant(MemoryProvider... into) {
        Planted p = new Planted(PersonId.random(), Fixture.unique("Leocadia"), Fixture.unique("Wierzbicka"),
                Fixture.unique("leo.") + "@example.org", "+48" + Fixture.digits(9));
        for (MemoryProvider provider : into) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("firstName", p.first());
            fields.put("lastName", p.last());
            fields.put("email", p.email());
            fields.put("phone", p.phone());
            provider.plant(p.person(), fields, "import");
        }
        return p;
    }

    @Test
    void anErasureInterruptedBetweenTwoModulesCompletesAfterARestart() throws Exception {
        MemoryProvider first = provider("test-a-first").register(context);
        MemoryProvider crashing = provider("test-b-crashing").crashOnFirstErase().register(context);
        MemoryProvider last = provider("test-c-last").register(context);
        Planted planted = plant(first, crashing, last);
        // the person has a data key, as every person whose values were encrypted has
        Osgi.service(context, FieldEncryption.class).encrypt(planted.person(), "r1", "note", "x");
        SubjectRights rights = Osgi.service(context, SubjectRights.class);
        RequestRegister register = Osgi.service(context, RequestRegister.class);

        assertThrows(MemoryProvider.SimulatedCrash.class, () -> rights.erase(planted.person(), Fixture.officer()));

        RightsRequest request = register.forPerson(planted.person(), Fixture.officer()).stream()
                .filter(r -> r.type() == RequestType.ERASURE).findFirst().orElseThrow();
        ErasureReport interrupted = rights.erasure(request.id(), Fixture.officer()).orElseThrow();
        assertEquals(ErasureState.RUNNING, interrupted.state());
        assertEquals(StepState.DONE, step(interrupted, "test-a-first").state());
        assertEquals(StepState.PENDING, step(interrupted, "test-b-crashing").state());
        assertEquals(StepState.PENDING, step(interrupted, "test-c-last").state());
        assertEquals(2, interrupted.identifiers(), "e-mail and phone indexes collected before anything was deleted");
        assertTrue(first.held(planted.person()).isEmpty());
        assertFalse(last.held(planted.person()).isEmpty(), "the crash stopped the erasure before the last module");
        KeyManagement keys = Osgi.service(context, KeyManagement.class);
        assertFalse(keys.isErased(planted.person()));
        assertEquals(RequestState.IN_PROGRESS, register.get(request.id(), Fixture.officer()).state());

        Osgi.restart(context, "org.steward.rights");
        SubjectRights restarted = Osgi.service(context, SubjectRights.class, s -> s != rights);
        ErasureReport done = awaitDone(restarted, request);

        assertEquals(List.of(), done.steps().stream().filter(s -> s.state() != StepState.DONE).toList());
        assertEquals(1, step(done, "test-b-crashing").deleted());
        assertEquals(1, step(done, "test-c-last").deleted());
        assertEquals(1, first.eraseCalls.get(), "a finished step is not repeated");
        assertEquals(2, crashing.eraseCalls.get(), "the interrupted step is repeated");
        assertTrue(crashing.held(planted.person()).isEmpty() && last.held(planted.person()).isEmpty());
        assertTrue(keys.isErased(planted.person()), "the key is shredded at the end");
        ErasureBlocklist blocklist = Osgi.service(context, ErasureBlocklist.class);
        BlindIndex index = Osgi.service(context, BlindIndex.class);
        assertTrue(blocklist.contains(planted.person()));
        assertEquals(request.id().value(), blocklist.match(List.of(index.email(planted.email()))).orElseThrow()
                .requestReference());
        assertTrue(blocklist.match(List.of(index.phone(planted.phone()))).isPresent());
        assertEquals(RequestState.DONE, Osgi.service(context, RequestRegister.class)
                .get(request.id(), Fixture.officer()).state());

        ErasureReport again = restarted.erase(request.id(), Fixture.officer());
        assertEquals(ErasureState.DONE, again.state(), "idempotent");
        assertEquals(2, crashing.eraseCalls.get());
    }

    @Test
    void afterErasureNoIdentifierIsLeftInTheDataDirectoryAndEarlierExportsAreGone() throws Exception {
        MemoryProvider crm = provider("test-crm").register(context);
        MemoryProvider helpdesk = provider("test-helpdesk").register(context);
        Planted planted = plant(crm, helpdesk);
        SubjectRights rights = Osgi.service(context, SubjectRights.class);
        RequestRegister register = Osgi.service(context, RequestRegister.class);
        register.register(RequestType.ACCESS, planted.email(), null, "e-mail", Fixture.officer());

        // an export named after the person, in the data directory and elsewhere
        ExportReport inData = rights.export(planted.person(), Path.of(planted.last() + "-access.zip"),
                Optional.empty(), Fixture.officer());
        Path outside = org.steward.testing.TempFolders.create("outside").resolve(planted.last() + ".zip");
        ExportReport elsewhere = rights.export(planted.person(), outside, Optional.empty(), Fixture.officer());
        assertFalse(Fixture.filesHolding(planted.identifiers()).isEmpty(), "the scan finds the planted values");

        ErasureReport report = rights.erase(planted.person(), Fixture.officer());
        assertEquals(ErasureState.DONE, report.state());
        assertEquals(2, report.exportsDeleted());
        assertFalse(Files.exists(inData.file()));
        assertFalse(Files.exists(elsewhere.file()));
        assertEquals(List.of(), Fixture.filesHolding(planted.identifiers()),
                "no file below the data directory holds a name, e-mail address or phone number of the person");
        assertEquals(List.of(), Fixture.filesHolding(List.of(planted.last() + "-access")));
    }

    @Test
    void aLegalHoldBlocksErasureUntilItIsLifted() {
        MemoryProvider crm = provider("test-crm").register(context);
        Planted planted = plant(crm);
        SubjectRights rights = Osgi.service(context, SubjectRights.class);

        LegalHold hold = rights.placeHold(planted.person(), "pending court case 4 C 17/25", Fixture.officer());
        LegalHoldException refused = assertThrows(LegalHoldException.class,
                () -> rights.erase(planted.person(), Fixture.officer()));
        assertEquals(List.of(hold.id()), refused.holds().stream().map(LegalHold::id).toList());
        assertTrue(refused.getMessage().contains("pending court case 4 C 17/25"));
        assertFalse(crm.held(planted.person()).isEmpty(), "nothing was erased");
        assertEquals(0, crm.eraseCalls.get());
        assertFalse(Osgi.service(context, KeyManagement.class).isErased(planted.person()));
        var denied = Osgi.service(context, AuditLog.class).query(AuditQuery.builder().person(planted.person())
                .action("rights.erase").build()).entries();
        assertEquals(1, denied.size());
        assertEquals(Outcome.DENIED, denied.get(0).event().outcome());

        rights.releaseHold(hold.id(), Fixture.officer());
        assertFalse(rights.holds(planted.person(), Fixture.officer()).get(0).isActive());
        assertEquals(ErasureState.DONE, rights.erase(planted.person(), Fixture.officer()).state());
        assertTrue(crm.held(planted.person()).isEmpty());
    }

    private static ErasureStep step(ErasureReport report, String module) {
        return report.steps().stream().filter(s -> s.module().equals(module)).findFirst()
                .orElseThrow(() -> new AssertionError("no step for " + module + " in " + report));
    }

    private static ErasureReport awaitDone(SubjectRights rights, RightsRequest request) {
        long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
        ErasureReport report = null;
        while (System.nanoTime() < deadline) {
            report = rights.erasure(request.id(), Fixture.officer()).orElseThrow();
            if (report.isComplete()) {
                return report;
            }
            Osgi.sleep(100);
        }
        throw new AssertionError("The erasure was not resumed and completed after the restart: " + report);
    }
}
