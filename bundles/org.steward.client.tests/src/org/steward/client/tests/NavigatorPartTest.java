package org.steward.client.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.steward.client.internal.NavigatorPart;

class NavigatorPartTest {

    private Shell shell;

    @BeforeEach
    void openShell() {
        shell = new Shell(TestDisplay.get());
    }

    @AfterEach
    void closeShell() {
        shell.dispose();
    }

    @Test
    void createsAnEmptyNavigatorTreeWithAHintWhyItIsEmpty() {
        // The workbench hands a part an empty composite of its own that the part stack sizes; the test does the same.
        shell.setLayout(new FillLayout());
        shell.setSize(400, 600);
        Composite partArea = new Composite(shell, SWT.NONE);
        NavigatorPart part = new NavigatorPart();

        part.createControls(partArea);
        shell.open();
        TestDisplay.settle(shell.getDisplay());

        Tree tree = TestDisplay.findOne(partArea, Tree.class);
        assertEquals(0, tree.getItemCount(), "no module contributes entries yet");
        assertTrue(tree.isVisible());
        Label hint = TestDisplay.findOne(partArea, Label.class);
        assertEquals(NavigatorPart.NO_ENTRIES_HINT, hint.getText());
        assertTrue(tree.getBounds().height > hint.getBounds().height, "the tree takes the remaining space");
    }
}
