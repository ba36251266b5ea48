package org.steward.client.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.steward.client.internal.ModuleRow;
import org.steward.client.internal.ModuleRows;
import org.steward.core.StewardModule;

class ModuleRowsTest {

    @Test
    void rowsAreOrderedByTheNamePeopleKnowNotByBundleId() {
        List<ModuleRow> rows = ModuleRows.from(List.of(
                new StewardModule("Tickets", "org.steward.tickets", "0.1.0", "ACTIVE", 12),
                new StewardModule("audit trail", "com.partner.audit", "2.0.0", "RESOLVED", 30),
                new StewardModule("Core", "org.steward.core", "0.1.0", "ACTIVE", 5)));

        assertEquals(List.of("audit trail", "Core", "Tickets"), rows.stream().map(ModuleRow::name).toList());
        assertEquals(new ModuleRow("audit trail", "com.partner.audit", "2.0.0", "RESOLVED"), rows.get(0));
    }

    @Test
    void aModuleWithoutDisplayNameIsShownByItsBundle() {
        List<ModuleRow> rows = ModuleRows.from(List.of(new StewardModule(" ", "com.partner.crm", "1.2.3", "ACTIVE", 40)));

        assertEquals("com.partner.crm", rows.get(0).name());
    }

    @Test
    void cellsFollowTheColumnHeaders() {
        ModuleRow row = new ModuleRow("Core", "org.steward.core", "0.1.0", "ACTIVE");

        assertEquals(List.of("Module", "Bundle", "Version", "State"), ModuleRow.HEADERS);
        assertEquals(List.of("Core", "org.steward.core", "0.1.0", "ACTIVE"), row.cells());
    }
}
