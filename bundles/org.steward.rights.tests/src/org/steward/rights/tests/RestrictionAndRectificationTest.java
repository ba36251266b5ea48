package org.steward.rights.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.core.PersonId;
import org.steward.core.ValidationException;
import org.steward.rights.SubjectRights;
import org.steward.testing.Osgi;

/** The restriction lock and rectification reach every module that holds the person or the field. */
class RestrictionAndRectificationTest {

    private final BundleContext context = Osgi.context(RestrictionAndRectificationTest.class);
    private final List<MemoryProvider> providers = new ArrayList<>();

    @AfterEach
    void unregister() {
        providers.forEach(MemoryProvider::close);
    }

    private MemoryProvider provider(String module, List<String> fields) {
        MemoryProvider p = new MemoryProvider(module, "record",
                MemoryProvider.category("data", fields, "crm", "contract", null, "1 year")).register(context);
        providers.add(p);
        return p;
    }

    @Test
    void restrictionIsSetAndLiftedInEveryModule() {
        MemoryProvider a = provider("test-restrict-a", List.of("email"));
        MemoryProvider b = provider("test-restrict-b", List.of("phone"));
        PersonId person = PersonId.random();
        SubjectRights rights = Osgi.service(context, SubjectRights.class);

        List<String> locked = rights.restrict(person, true, Fixture.officer());
        assertTrue(locked.containsAll(List.of("test-restrict-a", "test-restrict-b")), locked.toString());
        assertTrue(a.isRestricted(person) && b.isRestricted(person));
        assertEquals(locked, rights.restrictedIn(person, Fixture.officer()));

        List<String> after = rights.restrict(person, false, Fixture.officer());
        assertFalse(after.contains("test-restrict-a") || after.contains("test-restrict-b"));
        assertFalse(a.isRestricted(person) || b.isRestricted(person));
    }

    @Test
    void rectificationReachesEveryModuleHoldingTheFieldAndRefusesUnknownFieldsWithoutChangingAnything() {
        MemoryProvider a = provider("test-rectify-a", List.of("lastName", "city"));
        MemoryProvider b = provider("test-rectify-b", List.of("lastName"));
        MemoryProvider c = provider("test-rectify-c", List.of("shoeSize"));
        PersonId person = PersonId.random();
        a.plant(person, Map.of("lastName", "Old", "city", "Gdansk"), "import");
        b.plant(person, Map.of("lastName", "Old"), "import");
        c.plant(person, Map.of("shoeSize", "42"), "import");
        SubjectRights rights = Osgi.service(context, SubjectRights.class);

        ValidationException unknown = assertThrows(ValidationException.class,
                () -> rights.rectify(person, Map.of("lastName", "New", "favouriteColour", "blue"), Fixture.officer()));
        assertEquals("favouriteColour", unknown.field());
        assertEquals("Old", a.held(person).get(0).get("lastName"), "nothing was changed");

        Map<String, Integer> changed = rights.rectify(person, Map.of("lastName", "New"), Fixture.officer());
        assertEquals(1, changed.get("test-rectify-a"));
        assertEquals(1, changed.get("test-rectify-b"));
        assertFalse(changed.containsKey("test-rectify-c"), "a module without the field is not asked");
        assertEquals("New", a.held(person).get(0).get("lastName"));
        assertEquals("Gdansk", a.held(person).get(0).get("city"));
        assertEquals("New", b.held(person).get(0).get("lastName"));
        assertEquals("42", c.held(person).get(0).get("shoeSize"));
    }
}
