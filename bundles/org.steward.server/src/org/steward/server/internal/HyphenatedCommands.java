package org.steward.server.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Gives console commands hyphenated names ({@code encryption:rotate-master}, {@code users:reset-password}): Gogo
 * finds commands by Java method name, which cannot hold a hyphen. A command component lists its aliases in the
 * service property {@value #PROPERTY} as {@code alias=method} (e.g. {@code rotate-master=rotateMaster}); this
 * whiteboard registers one Gogo function per alias that calls the method with the command's arguments as text.
 */
@Component(immediate = true)
public final class HyphenatedCommands {

    /** Service property of a command component: {@code alias=method} entries. */
    public static final String PROPERTY = "steward.command.alias";

    private final BundleContext context;
    private final ServiceTracker<Object, List<ServiceRegistration<Function>>> tracker;

    @Activate
    public HyphenatedCommands(BundleContext context) throws Exception {
        this.context = context;
        this.tracker = new ServiceTracker<>(context, context.createFilter("(" + PROPERTY + "=*)"), null) {
            @Override
            public List<ServiceRegistration<Function>> addingService(ServiceReference<Object> reference) {
                return register(reference);
            }

            @Override
            public void removedService(ServiceReference<Object> reference,
                    List<ServiceRegistration<Function>> registrations) {
                registrations.forEach(ServiceRegistration::unregister);
            }
        };
        tracker.open(true);
    }

    private List<ServiceRegistration<Function>> register(ServiceReference<Object> reference) {
        String scope = String.valueOf(reference.getProperty("osgi.command.scope"));
        return aliases(reference.getProperty(PROPERTY)).entrySet().stream().map(alias -> {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("osgi.command.scope", scope);
            properties.put("osgi.command.function", alias.getKey());
            return context.registerService(Function.class,
                    new Alias(context, reference, scope + ":" + alias.getKey(), alias.getValue()), properties);
        }).toList();
    }

    private static Map<String, String> aliases(Object property) {
        Object[] entries = property instanceof String[] array ? array : new Object[] { property };
        Map<String, String> aliases = new ConcurrentHashMap<>();
        for (Object entry : entries) {
            String[] pair = String.valueOf(entry).split("=", 2);
            if (pair.length == 2) {
                aliases.put(pair[0].trim(), pair[1].trim());
            }
        }
        return aliases;
    }

    @Deactivate
    void close() {
        tracker.close();
    }

    /**
     * Calls the public method of the command object whose text parameters match the arguments in number. The command
     * component is got only while a command runs, so that aliases do not activate it (and what it needs) at start-up.
     */
    record Alias(BundleContext context, ServiceReference<Object> reference, String name, String method)
            implements Function {

        @Override
        public Object execute(CommandSession session, List<Object> arguments) throws Exception {
            Object commands = context.getService(reference);
            if (commands == null) {
                throw new IllegalStateException(name + " is not available: its module did not start");
            }
            try {
                return execute(commands, arguments);
            } finally {
                context.ungetService(reference);
            }
        }

        private Object execute(Object commands, List<Object> arguments) throws Exception {
            Optional<Method> target = Arrays.stream(commands.getClass().getMethods())
                    .filter(m -> m.getName().equals(method) && m.getParameterCount() == arguments.size())
                    .filter(m -> Arrays.stream(m.getParameterTypes()).allMatch(String.class::equals)).findFirst();
            if (target.isEmpty()) {
                throw new UsageException(usage(commands));
            }
            try {
                return target.get().invoke(commands, arguments.stream().map(String::valueOf).toArray());
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }

        private String usage(Object commands) {
            return Arrays.stream(commands.getClass().getMethods()).filter(m -> m.getName().equals(method)).findFirst()
                    .map(m -> "Usage: " + name + Arrays.stream(m.getParameters()).map(Alias::placeholder)
                            .collect(Collectors.joining("")) + describe(m))
                    .orElse("Usage: " + name);
        }

        private static String placeholder(Parameter parameter) {
            Descriptor descriptor = parameter.getAnnotation(Descriptor.class);
            return " <" + (descriptor == null ? parameter.getName() : descriptor.value()) + ">";
        }

        private static String describe(Method method) {
            Descriptor descriptor = method.getAnnotation(Descriptor.class);
            return descriptor == null ? "" : "   " + descriptor.value();
        }
    }
}
