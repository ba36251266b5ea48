package org.steward.client.internal;

import jakarta.annotation.PostConstruct;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * The navigator part. Modules will contribute its entries (contacts, tickets, ...); until one does, the tree stays
 * empty and a hint says why, so an empty client does not look broken.
 */
public final class NavigatorPart {

    public static final String NO_ENTRIES_HINT = "No Steward module contributes navigator entries yet.";

    private TreeViewer viewer;

    @PostConstruct
    public void createControls(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(4, 4).applyTo(parent);

        Label hint = new Label(parent, SWT.WRAP);
        hint.setText(NO_ENTRIES_HINT);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(hint);

        viewer = new TreeViewer(parent, SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.setContentProvider(new NoNavigatorEntries());
        viewer.setInput(NoNavigatorEntries.INPUT);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(viewer.getControl());
    }

    @Focus
    public void setFocus() {
        viewer.getControl().setFocus();
    }
}
