package org.steward.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** Calls a module's Gogo console command the way the shell does: by its scope and method, on the registered service. */
public final class Consoles {

    private Consoles() {
    }

    /**
     * Invokes {@code function} of the command service registered with {@code osgi.command.scope=scope}; rethrows what
     * the command throws, so a test sees the domain error the console would print.
     */
    public static Object invoke(BundleContext context, String scope, String function, Class<?>[] types,
            Object... arguments) throws Throwable {
        ServiceReference<?>[] refs;
        try {
            refs = context.getServiceReferences((String) null, "(osgi.command.scope=" + scope + ")");
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
        if (refs == null || refs.length == 0) {
            throw new AssertionError("no " + scope + " console commands are registered");
        }
        for (ServiceReference<?> ref : refs) {
            while (context.ungetService(ref)) {
                // release an instance cached from before a reconfiguration: the shell gets the current one
            }
            Object commands = context.getService(ref);
            try {
                Method method;
                try {
                    method = commands.getClass().getMethod(function, types);
                } catch (NoSuchMethodException other) {
                    continue; // a scope may be served by several command services
                }
                return method.invoke(commands, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                context.ungetService(ref);
            }
        }
        throw new AssertionError("no " + scope + ":" + function + " command with those parameter types");
    }

    /** {@link #invoke} of a command whose parameters are all strings, as most typed on the console are. */
    public static Object invokeWithStrings(BundleContext context, String scope, String function, String... arguments)
            throws Throwable {
        Class<?>[] types = new Class<?>[arguments.length];
        java.util.Arrays.fill(types, String.class);
        return invoke(context, scope, function, types, (Object[]) arguments);
    }
}
