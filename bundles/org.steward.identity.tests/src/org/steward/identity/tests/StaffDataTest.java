package org.steward.identity.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.audit.AuditLog;
import org.steward.audit.AuditQuery;
import org.steward.audit.Outcome;
import org.steward.core.AccessDeniedException;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.ConflictException;
import org.steward.core.DataClassification;
import org.steward.core.PersonId;
import org.steward.core.ProcessingRestrictedException;
import org.steward.core.ValidationException;
import org.steward.core.spi.DataCategory;
import org.steward.core.spi.ErasureOutcome;
import org.steward.core.spi.ExportedRecord;
import org.steward.core.spi.FieldDescription;
import org.steward.core.spi.PersonalDataExport;
import org.steward.core.spi.PersonalDataProvider;
import org.steward.identity.LoginOutcome;
import org.steward.identity.NewUser;
import org.steward.identity.Totp;
import org.steward.identity.User;
import org.steward.identity.UserStatus;
import org.steward.testing.Osgi;

/** Staff users as data subjects: the identity module's personal-data provider. */
class StaffDataTest {

    private static final Actor DPO = Actor.console("privacy-officer");
    private static final String ADDRESS = "192.0.2.60";

    private final BundleContext context = Osgi.context(StaffDataTest.class);

    /** The provider of the fixture's database: the one that knows the user. */
    private PersonalDataProvider provider(PersonId person) {
        return Osgi.service(context, PersonalDataProvider.class,
                quietly(p -> "identity".equals(p.module()) && !p.export(person, DPO).isEmpty()));
    }

    /** A condition on a service that may belong to the previous test's database, which is closed. */
    private static <T> java.util.function.Predicate<T> quietly(java.util.function.Predicate<T> condition) {
        return service -> {
            try {
                return condition.test(service);
            } catch (RuntimeException stale) {
                return false;
            }
        };
    }

    private static PersonId personOf(User user) {
        return PersonId.parse(user.id());
    }

    private static ExportedRecord account(PersonalDataExport export) {
        return export.records().stream().filter(r -> r.category().equals("staff account")).findFirst().orElseThrow();
    }

    @Test
    void describesStaffAccountsWithClassifiedFields() throws Exception {
        try (IdentityFixture f = IdentityFixture.fresh(context)) {
            User user = f.user("dora");
            PersonalDataProvider provider = provider(personOf(user));
            var description = provider.describe();
            assertEquals("identity", description.module());
            DataCategory account = description.categories().stream().filter(c -> c.name().equals("staff account"))
                    .findFirst().orElseThrow();
            assertEquals(List.of("staff"), account.dataSubjects());
            assertTrue(description.categories().stream().allMatch(c -> c.dataSubjects().equals(List.of("staff"))));
            Map<String, DataClassification> fields = new java.util.HashMap<>();
            account.fields().forEach(d -> fields.put(d.name(), d.classification()));
            assertEquals(DataClassification.PERSONAL, fields.get("email"));
            assertEquals(DataClassification.PERSONAL, fields.get("displayName"));
            assertEquals(DataClassification.SENSITIVE, fields.get("password"));
            assertEquals(DataClassification.SENSITIVE, fields.get("totpSecret"));
            assertFalse(account.purposes().isEmpty());
            assertFalse(account.lawfulBases().isEmpty());
            assertTrue(account.fields().stream().map(FieldDescription::description).noneMatch(String::isBlank));
        }
    }

    @Test
    void exportsTheAccountAndSessionsButNeverASecret() throws Exception {
        try (IdentityFixture f = IdentityFixture.fresh(context)) {
            User user = f.user("emil");
            String token = f.login("emil", IdentityFixture.GOOD, ADDRESS).requireToken();
            var enrolment = f.auth.beginTotpEnrolment(token, ADDRESS);
            PersonId person = personOf(user);

            PersonalDataExport export = provider(person).export(person, DPO);
            assertEquals("identity", export.module());
            ExportedRecord account = account(export);
            assertEquals(user.id(), account.id());
            assertEquals("emil", account.fields().get("loginName"));
            assertEquals("emil@example.com", account.fields().get("email"));
            assertEquals("User emil", account.fields().get("displayName"));
            assertTrue(String.valueOf(account.fields().get("password")).startsWith("set"), "says a password exists");
            assertTrue(String.valueOf(account.fields().get("totpSecret")).contains("not confirmed"));
            for (ExportedRecord record : export.records()) {
                for (Object value : record.fields().values()) {
                    String text = String.valueOf(value);
                    assertFalse(text.contains("$argon2"), "no password hash in " + record.category());
                    assertFalse(text.contains(enrolment.secret()), "no TOTP secret in " + record.category());
                    assertFalse(text.contains(token), "no session token in " + record.category());
                }
            }
            List<ExportedRecord> sessions = export.records().stream()
                    .filter(r -> r.category().equals("sign-in sessions")).toList();
            assertEquals(1, sessions.size(), "the open session");
            assertEquals(ADDRESS, sessions.get(0).fields().get("sourceAddress"));

            PersonId stranger = PersonId.random();
            assertTrue(provider(person).export(stranger, DPO).isEmpty(), "nothing about someone else");
        }
    }

    @Test
    void rectifiesNameAndEmailOnly() throws Exception {
        try (IdentityFixture f = IdentityFixture.fresh(context)) {
            User user = f.user("fred");
            PersonId person = personOf(user);
            PersonalDataProvider provider = provider(person);

            ValidationException wrongField = assertThrows(ValidationException.class,
                    () -> provider.rectify(person, Map.of("email", "fred.new@example.com", "loginName", "boss"), DPO));
            assertTrue(wrongField.violations().stream().anyMatch(v -> v.field().equals("loginName")));
            assertEquals("fred@example.com", f.users.get(user.id()).email(), "nothing changed");
            ValidationException badMail = assertThrows(ValidationException.class,
                    () -> provider.rectify(person, Map.of("email", "not a mail"), DPO));
            assertTrue(badMail.violations().stream().anyMatch(v -> v.field().equals("email")));

            assertEquals(1, provider.rectify(person, Map.of("displayName", "Frederika Nowak", "email",
                    "frederika@example.com"), DPO));
            User corrected = f.users.get(user.id());
            assertEquals("Frederika Nowak", corrected.displayName());
            assertEquals("frederika@example.com", corrected.email());
            assertEquals("fred", corrected.loginName(), "the login name is not a rectifiable field");
            assertEquals(0, provider.rectify(PersonId.random(), Map.of("displayName", "X"), DPO));
        }
    }

    @Test
    void restrictionStopsAdministrativeChangesAndIsAudited() throws Exception {
        try (IdentityFixture f = IdentityFixture.fresh(context)) {
            User user = f.user("gina");
            PersonId person = personOf(user);
            PersonalDataProvider provider = provider(person);
            assertFalse(provider.isRestricted(person));

            provider.restrict(person, true, DPO);
            provider.restrict(person, true, DPO); // idempotent
            assertTrue(provider.isRestricted(person));
            assertThrows(ProcessingRestrictedException.class, () -> f.users.resetPassword(IdentityFixture.ADMIN,
                    user.id()));
            assertThrows(ProcessingRestrictedException.class, () -> f.users.setUserNetworks(IdentityFixture.ADMIN,
                    user.id(), List.of("192.0.2.0/24")));
            AuditLog audit = Osgi.service(context, AuditLog.class, quietly(a -> a.query(AuditQuery.builder()
                    .action("identity.password.reset").person(person).build()).entries().stream()
                    .anyMatch(e -> e.event().outcome() == Outcome.DENIED)));
            assertTrue(audit.query(AuditQuery.builder().action("identity.user.restrict").person(person).build())
                    .entries().size() == 1, "the lock is audited once");
            assertEquals(LoginOutcome.AUTHENTICATED, f.login("gina", IdentityFixture.GOOD, ADDRESS).outcome(),
                    "signing in is not stopped: the account stays usable for the employment");
            f.users.disable(IdentityFixture.ADMIN, user.id()); // less processing is always allowed

            provider.restrict(person, false, DPO);
            assertFalse(provider.isRestricted(person));
            f.users.enable(IdentityFixture.ADMIN, user.id());
            assertNotEquals(null, f.users.resetPassword(IdentityFixture.ADMIN, user.id()).oneTimePassword());
        }
    }

    @Test
    void erasurePseudonymisesTheUserAndEndsLoginForGood() throws Exception {
        try (IdentityFixture f = IdentityFixture.fresh(context)) {
            User user = f.user("hugo");
            String token = f.login("hugo", IdentityFixture.GOOD, ADDRESS).requireToken();
            PersonId person = personOf(user);
            PersonalDataProvider provider = provider(person);
            provider.restrict(person, true, DPO);

            ErasureOutcome outcome = provider.erase(person, DPO);
            assertEquals(0, outcome.deleted());
            assertEquals(1, outcome.anonymised());
            assertFalse(outcome.retained().isEmpty(), "says why a pseudonym stays");

            User erased = f.users.get(user.id());
            assertEquals(user.id(), erased.id(), "the id stays for the audit trail");
            assertTrue(erased.loginName().matches("erased-user-[0-9a-f]{12}"), erased.loginName());
            assertFalse(erased.displayName().contains("hugo"));
            assertFalse(erased.email().contains("hugo"));
            assertEquals(UserStatus.DISABLED, erased.status());
            assertTrue(f.users.find("hugo").isEmpty());
            assertThrows(AccessDeniedException.class, () -> f.auth.actorFor(token, Channel.CLIENT, ADDRESS),
                    "sessions ended");
            assertEquals(LoginOutcome.DENIED, f.login("hugo", IdentityFixture.GOOD, ADDRESS).outcome());
            assertEquals(LoginOutcome.DENIED, f.login(erased.loginName(), IdentityFixture.GOOD, "192.0.2.61")
                    .outcome(), "the pseudonym cannot log in either (another address: the first one waits now)");
            assertThrows(ConflictException.class, () -> f.users.enable(IdentityFixture.ADMIN, user.id()));
            assertThrows(ConflictException.class, () -> f.users.resetPassword(IdentityFixture.ADMIN, user.id()));
            assertFalse(provider.isRestricted(person), "the lock goes with the data");

            ErasureOutcome again = provider.erase(person, DPO);
            assertEquals(erased.loginName(), f.users.get(user.id()).loginName(), "a stable pseudonym");
            assertEquals(1, again.anonymised());
            ExportedRecord account = account(provider.export(person, DPO));
            assertEquals(erased.loginName(), account.fields().get("loginName"));
            assertFalse(account.fields().values().stream().map(String::valueOf).anyMatch(v -> v.contains("hugo")));

            User newcomer = f.users.create(IdentityFixture.ADMIN, new NewUser("hugo", "Hugo Again", "hugo@example.com",
                    "en")).user();
            assertNotEquals(user.id(), newcomer.id(), "the login name is free again; a new person id");
            assertEquals(0, provider.rectify(person, Map.of("displayName", "Hugo"), DPO), "nothing left to rectify");
        }
    }

    @Test
    void aStaffUsersPersonIdIsTheirUserId() throws Exception {
        try (IdentityFixture f = IdentityFixture.fresh(context)) {
            User user = f.user("iris");
            PersonId person = personOf(user);
            assertEquals(user.id(), person.toString());
            // the TOTP secret is encrypted under this person's key: enrolment and a code work with the same mapping
            String token = f.login("iris", IdentityFixture.GOOD, ADDRESS).requireToken();
            var enrolment = f.auth.beginTotpEnrolment(token, ADDRESS);
            String code = Totp.code(Totp.fromBase32(enrolment.secret()), Totp.step(f.clock.instant()),
                    Totp.Algorithm.SHA1, 6);
            f.auth.confirmTotp(token, code, ADDRESS);
            assertEquals(Boolean.TRUE, account(provider(person).export(person, DPO)).fields().get("mfaEnrolled"));
        }
    }
}
