package org.steward.server.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@code help} that knows every command. Gogo's own {@code felix:help} finds a command's methods by the command's
 * name, so it answers "No methods found matching" for the hyphenated aliases ({@code encryption:rotate-master}) and
 * for Java keywords that Gogo calls through an underscore ({@code tickets:new} runs {@code _new}); Equinox's
 * {@code help} calls {@code felix:help} for every command and prints those lines. Registered with a higher ranking
 * under the same name, this one answers for those commands and hands every other one to Gogo's.
 */
@Component(service = ConsoleHelp.class, property = { "osgi.command.scope=felix", "osgi.command.function=help",
        Constants.SERVICE_RANKING + ":Integer=100" })
public final class ConsoleHelp {

    private static final String NOT_FOUND = "No methods found matching";

    private final BundleContext context;

    @Activate
    public ConsoleHelp(BundleContext context) {
        this.context = context;
    }

    @Descriptor("displays available commands")
    public String help() {
        TreeSet<String> names = new TreeSet<>();
        for (ServiceReference<?> reference : references("(osgi.command.scope=*)")) {
            Object functions = reference.getProperty("osgi.command.function");
            Stream<Object> each = functions instanceof Object[] array ? Arrays.stream(array) : Stream.of(functions);
            each.filter(Objects::nonNull).forEach(f -> names.add(reference.getProperty("osgi.command.scope") + ":" + f));
        }
        return String.join(System.lineSeparator(), names);
    }

    @Descriptor("displays information about a specific command")
    public String help(@Descriptor("target command") String name) throws Exception {
        String gogo = gogoHelp(name);
        if (gogo != null && !gogo.startsWith(NOT_FOUND)) {
            return gogo;
        }
        List<String> described = describe(name);
        if (described.isEmpty()) {
            described = undocumented(name);
        }
        return described.isEmpty() ? (gogo == null ? NOT_FOUND + ": " + name : gogo)
                : String.join(System.lineSeparator(), described);
    }

    /** A command some service declares without a method of its name (Equinox's enableBundle, for one). */
    private List<String> undocumented(String name) {
        int colon = name.indexOf(':');
        String scope = colon < 0 ? "*" : name.substring(0, colon);
        String function = name.substring(colon + 1);
        ServiceReference<?>[] found = references(
                "(&(osgi.command.scope=" + scope + ")(osgi.command.function=" + function + "))");
        if (found.length == 0) {
            return List.of();
        }
        return List.of(function, "   scope: " + found[0].getProperty("osgi.command.scope"),
                "   (its provider describes no parameters)");
    }

    /** Gogo's answer, from the other felix:help service; null when there is none. */
    private String gogoHelp(String name) throws Exception {
        for (ServiceReference<?> reference : references("(&(osgi.command.scope=felix)(osgi.command.function=help))")) {
            if (reference.getBundle() == context.getBundle()) {
                continue;
            }
            Object basic = context.getService(reference);
            if (basic == null) {
                continue;
            }
            try {
                Method help = basic.getClass().getMethod("help", String.class);
                return String.valueOf(help.invoke(basic, name));
            } catch (NoSuchMethodException notGogo) {
                continue;
            } finally {
                context.ungetService(reference);
            }
        }
        return null;
    }

    /** The methods behind an alias or an underscored keyword command, formatted as Gogo formats its help. */
    private List<String> describe(String name) {
        int colon = name.indexOf(':');
        String scope = colon < 0 ? "*" : name.substring(0, colon);
        String function = name.substring(colon + 1);
        List<String> lines = new ArrayList<>();
        for (ServiceReference<?> reference : references(
                "(&(osgi.command.scope=" + scope + ")(osgi.command.function=" + function + "))")) {
            Object commands = context.getService(reference);
            if (commands == null) {
                continue;
            }
            try {
                String commandScope = String.valueOf(reference.getProperty("osgi.command.scope"));
                if (commands instanceof HyphenatedCommands.Alias alias) {
                    Object target = context.getService(alias.reference());
                    if (target != null) {
                        try {
                            methods(target, alias.method()).forEach(m -> lines.addAll(format(function, commandScope, m)));
                        } finally {
                            context.ungetService(alias.reference());
                        }
                    }
                } else {
                    methods(commands, "_" + function).forEach(m -> lines.addAll(format(function, commandScope, m)));
                }
            } finally {
                context.ungetService(reference);
            }
            if (!lines.isEmpty()) {
                break;
            }
        }
        return lines;
    }

    private static List<Method> methods(Object target, String method) {
        return Arrays.stream(target.getClass().getMethods()).filter(m -> m.getName().equals(method)).toList();
    }

    private static List<String> format(String function, String scope, Method method) {
        List<String> lines = new ArrayList<>();
        Descriptor descriptor = method.getAnnotation(Descriptor.class);
        lines.add(descriptor == null ? function : function + " - " + descriptor.value());
        lines.add("   scope: " + scope);
        List<String> parameters = Arrays.stream(method.getParameters())
                .filter(p -> p.getType() != CommandSession.class).map(ConsoleHelp::parameter)
                .collect(Collectors.toList());
        if (!parameters.isEmpty()) {
            lines.add("   parameters:");
            parameters.forEach(p -> lines.add("      " + p));
        }
        return lines;
    }

    private static String parameter(Parameter parameter) {
        Descriptor descriptor = parameter.getAnnotation(Descriptor.class);
        return parameter.getType().getSimpleName() + "   " + (descriptor == null ? "" : descriptor.value());
    }

    private ServiceReference<?>[] references(String filter) {
        try {
            ServiceReference<?>[] found = context.getAllServiceReferences(null, filter);
            return found == null ? new ServiceReference<?>[0] : found;
        } catch (InvalidSyntaxException notACommandName) {
            return new ServiceReference<?>[0];
        }
    }
}
