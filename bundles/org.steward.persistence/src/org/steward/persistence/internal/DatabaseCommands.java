package org.steward.persistence.internal;

import java.nio.file.Path;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.persistence.BackupRecord;
import org.steward.persistence.StewardPersistence;

/** Console commands of the persistence bundle, in the {@code steward} scope. */
@Component(service = DatabaseCommands.class, property = { "osgi.command.scope=steward",
        "osgi.command.function=backup", "osgi.command.function=backups", "osgi.command.function=database" })
public final class DatabaseCommands {

    private final StewardPersistence persistence;

    @Activate
    public DatabaseCommands(@Reference StewardPersistence persistence) {
        this.persistence = persistence;
    }

    @Descriptor("Copies the running database into a new dated folder inside <folder>, without stopping Steward")
    public String backup(@Descriptor("folder that receives the backup (created when missing)") String folder) {
        BackupRecord record = persistence.backup(Path.of(folder));
        return "Backup written to " + record.folder() + " (" + record.bytes() + " bytes in " + record.took().toMillis()
                + " ms)";
    }

    @Descriptor("Lists the backups taken so far, newest first")
    public String backups() {
        var all = persistence.backups();
        if (all.isEmpty()) {
            return "No backups yet. Take one with: steward:backup <folder>";
        }
        return all.stream().map(b -> b.takenAt() + "  " + b.folder() + "  " + b.bytes() + " bytes")
                .collect(Collectors.joining(System.lineSeparator()));
    }

    @Descriptor("Shows the database in use")
    public String database() {
        var info = persistence.info();
        return info.product() + System.lineSeparator() + info.url() + (info.embedded() ? " (embedded)" : "");
    }
}
