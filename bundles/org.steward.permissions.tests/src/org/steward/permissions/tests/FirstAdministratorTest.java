package org.steward.permissions.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.identity.User;
import org.steward.identity.UserDirectory;
import org.steward.permissions.Assignment;
import org.steward.permissions.DefaultProfiles;
import org.steward.testing.Osgi;

/** On a new installation the identity module's first administrator holds the Administrator profile. */
class FirstAdministratorTest {

    private final BundleContext context = Osgi.context(FirstAdministratorTest.class);
    private PermissionsFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = PermissionsFixture.fresh(context);
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void firstAdministratorGetsTheAdministratorProfileOnce() {
        User admin = Osgi.service(context, UserDirectory.class, u -> u.find("admin").isPresent()).find("admin")
                .orElseThrow();
        Optional<Assignment> assignment = Optional.empty();
        for (int i = 0; i < 300 && assignment.isEmpty(); i++) {
            assignment = fixture.administration.assignments().stream().filter(a -> a.userId().equals(admin.id()))
                    .findFirst();
            Osgi.sleep(100);
        }
        assertTrue(assignment.isPresent(), "the first administrator has an assignment");
        assertEquals(Optional.of(DefaultProfiles.ADMINISTRATOR), assignment.get().profile());
        assertEquals(1, fixture.administration.assignments().stream()
                .filter(a -> a.profile().filter(DefaultProfiles.ADMINISTRATOR::equals).isPresent()).count());
    }
}
