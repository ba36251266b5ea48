package org.steward.contacts.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.contacts.Contacts;
import org.steward.contacts.FieldCatalogue;
import org.steward.contacts.FieldDefinition;
import org.steward.core.Actor;
import org.steward.core.ConflictException;
import org.steward.core.DataClassification;
import org.steward.core.NotFoundException;
import org.steward.core.ValidationException;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Operation;
import org.steward.persistence.JdbcTransactions;

/** The field catalogue: built-in and custom fields with their classification; custom fields defined at run time. */
@Component(service = FieldCatalogue.class)
public final class FieldCatalogueService implements FieldCatalogue {

    private static final String MODULE = Contacts.MODULE;
    private static final Pattern CUSTOM_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,55}");

    private final Fields fields;
    private final JdbcTransactions db;
    private final Sealing sealing;
    private final Clock clock;
    private final AccessDecisions access;
    private final AuditLog audit;

    @Activate
    public FieldCatalogueService(@Reference ContactsModule module, @Reference AccessDecisions access,
            @Reference AuditLog audit) {
        this.fields = module.fields();
        this.db = module.db();
        this.sealing = module.sealing();
        this.clock = module.clock();
        this.access = access;
        this.audit = audit;
    }

    @Override
    public List<FieldDefinition> fields() {
        return fields.all();
    }

    @Override
    public Optional<FieldDefinition> field(String name) {
        return fields.field(name);
    }

    @Override
    public Map<String, DataClassification> classifications() {
        return fields.classifications();
    }

    @Override
    public FieldDefinition define(String name, String label, DataClassification classification, int maxLength,
            Actor actor) {
        access.require(actor, Operation.ADMINISTER, MODULE, Optional.empty());
        String full = customName(name);
        if (classification == null) {
            throw new ValidationException("classification", "is required");
        }
        if (maxLength < 1 || maxLength > 4000) {
            throw new ValidationException("maxLength", "must be between 1 and 4000");
        }
        if (field(full).isPresent()) {
            throw new ConflictException("A field named " + full + " exists");
        }
        FieldDefinition definition = new FieldDefinition(full, label == null ? full : label.strip(), classification,
                false, maxLength);
        db.write(c -> JdbcTransactions.update(c, "INSERT INTO CONTACTS_FIELD (NAME, LABEL, CLASSIFICATION, "
                + "MAX_LENGTH, CREATED_AT) VALUES (?, ?, ?, ?, ?)", full, definition.label(), classification.name(),
                maxLength, clock.millis()));
        audit.append(AuditEvent.builder(actor, "contacts.field.define").target(MODULE, "field", full)
                .details("classification " + classification).build());
        fields.reload();
        return definition;
    }

    @Override
    public FieldDefinition classify(String name, DataClassification classification, Actor actor) {
        access.require(actor, Operation.ADMINISTER, MODULE, Optional.empty());
        if (classification == null) {
            throw new ValidationException("classification", "is required");
        }
        FieldDefinition current = field(name).orElseThrow(() -> new NotFoundException("Field", name));
        if (current.builtIn()) {
            throw new ValidationException("name", "is a built-in field; its classification is fixed");
        }
        boolean wasEncrypted = current.classification().isPersonal();
        boolean encrypt = classification.isPersonal();
        int changed = db.write(c -> {
            int rows = 0;
            if (wasEncrypted != encrypt) {
                rows = CustomValues.reseal(sealing, c, current.name(), encrypt);
            }
            JdbcTransactions.update(c, "UPDATE CONTACTS_FIELD SET CLASSIFICATION = ? WHERE NAME = ?",
                    classification.name(), current.name());
            return rows;
        });
        audit.append(AuditEvent.builder(actor, "contacts.field.classify").target(MODULE, "field", current.name())
                .details("classification " + current.classification() + " -> " + classification + ", " + changed
                        + " stored values " + (encrypt ? "encrypted" : "decrypted"))
                .build());
        fields.reload();
        return new FieldDefinition(current.name(), current.label(), classification, false, current.maxLength());
    }

    private static String customName(String name) {
        if (name == null || name.isBlank()) {
            throw new ValidationException("name", "is required");
        }
        String bare = name.strip();
        if (bare.startsWith(FieldDefinition.CUSTOM_PREFIX)) {
            bare = bare.substring(FieldDefinition.CUSTOM_PREFIX.length());
        }
        if (!CUSTOM_NAME.matcher(bare).matches()) {
            throw new ValidationException("name", "must start with a letter and hold letters, digits and '_' only "
                    + "(at most 56)");
        }
        return FieldDefinition.CUSTOM_PREFIX + bare;
    }
}
