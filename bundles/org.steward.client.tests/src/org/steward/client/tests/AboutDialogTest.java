package org.steward.client.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.steward.client.internal.AboutContent;
import org.steward.client.internal.AboutDialog;
import org.steward.core.StewardModule;
import org.steward.testing.Osgi;

class AboutDialogTest {

    private final BundleContext context = Osgi.context(AboutDialogTest.class);
    private Display display;
    private Shell parent;
    private AboutDialog dialog;

    @BeforeEach
    void openParentShell() {
        display = TestDisplay.get();
        parent = new Shell(display);
    }

    @AfterEach
    void closeShells() {
        if (dialog != null) {
            dialog.close();
        }
        parent.dispose();
    }

    @Test
    void listsCoreAndClientWithTheirVersionAndState() {
        Shell shell = openAboutDialog();
        List<List<String>> rows = rows(TestDisplay.findOne(shell, Table.class));

        for (String symbolicName : List.of("org.steward.core", "org.steward.client")) {
            Bundle bundle = Osgi.bundle(context, symbolicName);
            List<String> row = rows.stream().filter(r -> r.get(1).equals(symbolicName)).findFirst()
                    .orElseThrow(() -> new AssertionError(symbolicName + " is not listed in " + rows));
            assertEquals(bundle.getHeaders("").get(StewardModule.HEADER), row.get(0), "display name of " + symbolicName);
            assertEquals(bundle.getVersion().toString(), row.get(2), "version of " + symbolicName);
            assertEquals("ACTIVE", row.get(3), "state of " + symbolicName);
        }
    }

    @Test
    void listsOnlyStewardModules() {
        Shell shell = openAboutDialog();
        List<List<String>> rows = rows(TestDisplay.findOne(shell, Table.class));

        assertTrue(rows.stream().noneMatch(r -> r.get(1).equals("org.eclipse.swt")), "SWT is no Steward module: " + rows);
        assertTrue(rows.stream().noneMatch(r -> r.get(1).equals("org.steward.testing")),
                "the test support bundle has no Steward-Module header: " + rows);
    }

    @Test
    void showsProductNameClientVersionAndColumnHeaders() {
        Shell shell = openAboutDialog();

        assertEquals(AboutDialog.TITLE, shell.getText());
        List<String> labels = TestDisplay.findAll(shell, Label.class).stream().map(Label::getText).toList();
        assertTrue(labels.contains("Steward"), "labels: " + labels);
        assertTrue(labels.contains("Version " + context.getBundle().getVersion()), "labels: " + labels);
        Table table = TestDisplay.findOne(shell, Table.class);
        assertEquals(List.of("Module", "Bundle", "Version", "State"),
                Arrays.stream(table.getColumns()).map(TableColumn::getText).toList());
        assertTrue(table.getHeaderVisible());
    }

    private Shell openAboutDialog() {
        dialog = new AboutDialog(parent, AboutContent.of(context));
        dialog.setBlockOnOpen(false);
        dialog.open();
        TestDisplay.settle(display);
        Shell shell = dialog.getShell();
        assertTrue(shell != null && shell.isVisible(), "the About dialog did not open");
        return shell;
    }

    private static List<List<String>> rows(Table table) {
        List<List<String>> rows = new ArrayList<>();
        for (TableItem item : table.getItems()) {
            List<String> cells = new ArrayList<>();
            for (int column = 0; column < table.getColumnCount(); column++) {
                cells.add(item.getText(column));
            }
            rows.add(cells);
        }
        return rows;
    }
}
