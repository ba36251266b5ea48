package org.steward.client.internal;

import java.util.List;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;

/** Shows the client version and every installed Steward module, which support needs to know first. */
public final class AboutDialog extends Dialog {

    public static final String TITLE = "About Steward";

    private final AboutContent content;

    public AboutDialog(Shell parent, AboutContent content) {
        super(parent);
        this.content = content;
        // Long partner module names must stay readable.
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(TITLE);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);

        Label product = new Label(area, SWT.NONE);
        product.setText("Steward");
        product.setFont(JFaceResources.getHeaderFont());

        Label version = new Label(area, SWT.NONE);
        version.setText("Version " + content.clientVersion());

        Label modulesCaption = new Label(area, SWT.NONE);
        modulesCaption.setText("Installed modules:");

        TableViewer modules = createModuleTable(area);
        GridDataFactory.fillDefaults().grab(true, true).hint(560, 240).applyTo(modules.getControl());
        return area;
    }

    private TableViewer createModuleTable(Composite parent) {
        TableViewer viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        Table table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        List<String> headers = ModuleRow.HEADERS;
        for (int index = 0; index < headers.size(); index++) {
            TableViewerColumn column = new TableViewerColumn(viewer, SWT.LEFT);
            column.getColumn().setText(headers.get(index));
            column.setLabelProvider(new CellText(index));
        }
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setInput(content.modules());
        for (TableColumn column : table.getColumns()) {
            column.pack();
        }
        return viewer;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        // Nothing here can be cancelled, so a single button that closes.
        createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    private static final class CellText extends ColumnLabelProvider {
        private final int column;

        CellText(int column) {
            this.column = column;
        }

        @Override
        public String getText(Object element) {
            return ((ModuleRow) element).cells().get(column);
        }
    }
}
