package org.steward.server.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The usage lines of a console command, read from the command services' methods and their {@link Descriptor}s, for a
 * command called with arguments none of its methods takes (Gogo itself only says "Cannot coerce ...").
 */
final class CommandUsage {

    private CommandUsage() {
    }

    /** Usage lines of {@code scope:function} or of a bare function; empty when no command service offers it. */
    static List<String> of(BundleContext context, String command) {
        int colon = command.indexOf(':');
        String scope = colon < 0 ? null : command.substring(0, colon);
        String function = command.substring(colon + 1);
        String filter = scope == null ? "(osgi.command.function=" + function + ")"
                : "(&(osgi.command.scope=" + scope + ")(osgi.command.function=" + function + "))";
        ServiceReference<?>[] references;
        try {
            references = context.getServiceReferences((String) null, filter);
        } catch (InvalidSyntaxException notACommandName) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (ServiceReference<?> reference : references == null ? new ServiceReference<?>[0] : references) {
            Object commands = context.getService(reference);
            if (commands == null) {
                continue;
            }
            try {
                String name = reference.getProperty("osgi.command.scope") + ":" + function;
                Arrays.stream(commands.getClass().getMethods())
                        // Gogo calls _new for "new" and the like: Java keywords cannot name a method
                        .filter(m -> m.getName().equals(function) || m.getName().equals("_" + function))
                        .map(m -> line(name, m)).distinct().forEach(lines::add);
            } finally {
                context.ungetService(reference);
            }
        }
        return lines;
    }

    private static String line(String name, Method method) {
        String parameters = Arrays.stream(method.getParameters()).filter(p -> p.getType() != CommandSession.class)
                .map(CommandUsage::placeholder).collect(Collectors.joining(""));
        Descriptor descriptor = method.getAnnotation(Descriptor.class);
        return "Usage: " + name + parameters + (descriptor == null ? "" : "   " + descriptor.value());
    }

    private static String placeholder(Parameter parameter) {
        Descriptor descriptor = parameter.getAnnotation(Descriptor.class);
        String text = descriptor == null ? parameter.getType().getSimpleName() : descriptor.value();
        org.apache.felix.service.command.Parameter option = parameter
                .getAnnotation(org.apache.felix.service.command.Parameter.class);
        if (option != null) {
            boolean flag = !org.apache.felix.service.command.Parameter.UNSPECIFIED.equals(option.presentValue());
            return " [" + option.names()[0] + (flag ? "" : " <" + text + ">") + "]";
        }
        return " <" + text + ">";
    }
}
