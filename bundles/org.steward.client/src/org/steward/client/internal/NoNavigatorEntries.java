package org.steward.client.internal;

import org.eclipse.jface.viewers.ITreeContentProvider;

/** Content of the navigator while no module contributes entries: a tree needs a provider even when it has nothing. */
final class NoNavigatorEntries implements ITreeContentProvider {

    static final Object INPUT = new Object();

    @Override
    public Object[] getElements(Object input) {
        return new Object[0];
    }

    @Override
    public Object[] getChildren(Object parent) {
        return new Object[0];
    }

    @Override
    public Object getParent(Object element) {
        return null;
    }

    @Override
    public boolean hasChildren(Object element) {
        return false;
    }
}
