package org.steward.encryption.internal;

import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code encryption:rotate-master} and {@code encryption:backup-keys <folder>}: Gogo looks commands up as method
 * names, which cannot hold a hyphen, so these two are {@link Function}s that call {@link EncryptionCommands}.
 */
public final class HyphenatedCommand {

    private HyphenatedCommand() {
    }

    @Component(service = Function.class, property = { "osgi.command.scope=encryption",
            "osgi.command.function=rotate-master" })
    public static final class RotateMaster implements Function {

        private final EncryptionCommands commands;

        @Activate
        public RotateMaster(@Reference EncryptionCommands commands) {
            this.commands = commands;
        }

        @Override
        public Object execute(CommandSession session, List<Object> arguments) {
            if (!arguments.isEmpty()) {
                return "Usage: encryption:rotate-master (no arguments)";
            }
            return commands.rotateMaster();
        }
    }

    @Component(service = Function.class, property = { "osgi.command.scope=encryption",
            "osgi.command.function=backup-keys" })
    public static final class BackupKeys implements Function {

        private final EncryptionCommands commands;

        @Activate
        public BackupKeys(@Reference EncryptionCommands commands) {
            this.commands = commands;
        }

        @Override
        public Object execute(CommandSession session, List<Object> arguments) {
            if (arguments.size() != 1) {
                return "Usage: encryption:backup-keys <folder>   copies the key store into a new dated folder";
            }
            return commands.backupKeys(String.valueOf(arguments.get(0)));
        }
    }
}
