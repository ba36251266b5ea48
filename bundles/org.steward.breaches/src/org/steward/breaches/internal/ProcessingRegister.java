package org.steward.breaches.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import org.osgi.service.log.Logger;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.breaches.Breaches;
import org.steward.breaches.ProcessingActivity;
import org.steward.core.Actor;
import org.steward.core.ValidationException;
import org.steward.core.spi.DataCategory;
import org.steward.core.spi.DataDescription;
import org.steward.core.spi.PersonalDataProvider;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Operation;

/**
 * The register of processing activities (Art. 30) from the descriptions of every installed personal-data provider,
 * data subjects included (the SPI's {@link DataCategory#dataSubjects()}); a removed module drops out.
 */
final class ProcessingRegister {

    private final AuditLog audit;
    private final AccessDecisions access;
    private final Supplier<List<PersonalDataProvider>> providers;
    private final Logger logger;

    ProcessingRegister(AuditLog audit, AccessDecisions access, Supplier<List<PersonalDataProvider>> providers,
            Logger logger) {
        this.audit = audit;
        this.access = access;
        this.providers = providers;
        this.logger = logger;
    }

    List<ProcessingActivity> processingRegister(Actor actor) {
        access.require(actor, Operation.READ, Breaches.MODULE, Optional.empty());
        return activities();
    }

    List<ProcessingActivity> activities() {
        List<PersonalDataProvider> current = providers.get();
        List<ProcessingActivity> activities = new ArrayList<>();
        if (current == null) {
            return activities;
        }
        for (PersonalDataProvider provider : current) {
            DataDescription description;
            try {
                description = provider.describe();
            } catch (RuntimeException e) {
                logger.warn("A personal-data provider failed to describe its data: {}", e.toString());
                continue;
            }
            for (DataCategory category : description.categories()) {
                activities.add(new ProcessingActivity(description.module(), category.name(), category.purposes(),
                        subjects(category, description.module()), category.fields().stream().map(f -> f.name() + " (" + f.classification()
                                .name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")").toList(),
                        category.recipients(), category.retention(), category.lawfulBases()));
            }
        }
        activities.sort(Comparator.comparing(ProcessingActivity::module).thenComparing(ProcessingActivity::category));
        return activities;
    }

    /** The categories of data subjects (Art. 30(1)(c)) as the provider describes them. */
    private static List<String> subjects(DataCategory category, String module) {
        return category.dataSubjects().isEmpty() ? List.of("people whose data the " + module + " module holds")
                : category.dataSubjects();
    }

    int exportProcessingRegister(Path file, Actor actor) {
        access.require(actor, Operation.EXPORT, Breaches.MODULE, Optional.empty());
        if (file == null) {
            throw new ValidationException("file", "is required");
        }
        Path target = file.toAbsolutePath();
        Path folder = target.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new ValidationException("file", "its folder does not exist");
        }
        List<ProcessingActivity> activities = activities();
        byte[] csv = RegisterCsv.write(activities).getBytes(StandardCharsets.UTF_8);
        Path temporary = null;
        try {
            temporary = Files.createTempFile(folder, ".ropa-", ".tmp");
            Files.write(temporary, csv);
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                if (temporary != null) {
                    Files.deleteIfExists(temporary);
                }
            } catch (IOException ignored) {
                // nothing more to clean
            }
            throw new ValidationException("file", "cannot be written (" + e.getClass().getSimpleName() + ")");
        }
        audit.append(AuditEvent.builder(actor, "breach.ropa.export").target(Breaches.MODULE, "processing-register")
                .details(activities.size() + " activities as CSV to " + target.getFileName()).build());
        return activities.size();
    }
}
