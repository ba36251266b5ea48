package org.steward.persistence.internal;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;

/**
 * Lets EclipseLink see a module's persistence.xml and entities (through the module's class loader) together with
 * EclipseLink's own classes (through this bundle's), without the module importing EclipseLink internals.
 * Resources come from the module only, so that EclipseLink never picks up another module's persistence.xml.
 */
final class BundleUnitClassLoader extends ClassLoader {

    private final ClassLoader module;

    BundleUnitClassLoader(ClassLoader module, ClassLoader provider) {
        super(provider);
        this.module = module;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        try {
            return module.loadClass(name);
        } catch (ClassNotFoundException notInModule) {
            return super.loadClass(name, resolve);
        }
    }

    @Override
    public URL getResource(String name) {
        URL url = module.getResource(name);
        return url != null ? url : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (name.startsWith("META-INF/")) {
            return module.getResources(name);
        }
        Enumeration<URL> own = module.getResources(name);
        return own.hasMoreElements() ? own : super.getResources(name);
    }
}
