package org.steward.mail.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.core.Actor;
import org.steward.core.DataClassification;
import org.steward.core.PersonId;
import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;
import org.steward.core.spi.DataCategory;
import org.steward.core.spi.DataDescription;
import org.steward.core.spi.ErasureOutcome;
import org.steward.core.spi.ExportedRecord;
import org.steward.core.spi.FieldDescription;
import org.steward.core.spi.PersonalDataExport;
import org.steward.core.spi.PersonalDataProvider;
import org.steward.encryption.FieldEncryption;
import org.steward.mail.MailState;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Operation;

/**
 * The outbound mail log as personal data. Export hands over every mail's status and, for mail still waiting, the
 * decrypted content; rectification corrects the recipient address of waiting mail (nothing else is kept long enough to
 * be worth correcting: sent content is gone); restriction holds the person's waiting mail; erasure deletes the
 * person's outbox rows and drop files.
 */
@Component(service = PersonalDataProvider.class, property = PersonalDataProvider.MODULE_PROPERTY + "="
        + OutboxService.MODULE)
public final class MailDataProvider implements PersonalDataProvider {

    static final String CATEGORY = "outbound mail";

    private final MailStore store;
    private final FileDropTransport files;
    private final FieldEncryption encryption;
    private final AccessDecisions access;
    private final AuditLog audit;

    @Activate
    public MailDataProvider(@Reference MailStore store, @Reference FileDropTransport files,
            @Reference FieldEncryption encryption, @Reference AccessDecisions access, @Reference AuditLog audit) {
        this.store = store;
        this.files = files;
        this.encryption = encryption;
        this.access = access;
        this.audit = audit;
    }

    @Override
    public String module() {
        return OutboxService.MODULE;
    }

    @Override
    public DataDescription describe() {
        List<FieldDescription> fields = List.of(
                new FieldDescription("to", DataClassification.PERSONAL,
                        "recipient address; encrypted under the person's key, dropped once the mail is sent"),
                new FieldDescription("subject", DataClassification.PERSONAL,
                        "subject line; encrypted, dropped once sent"),
                new FieldDescription("textBody", DataClassification.PERSONAL,
                        "plain-text body; encrypted, dropped once sent"),
                new FieldDescription("htmlBody", DataClassification.PERSONAL,
                        "HTML body; encrypted, dropped once sent"),
                new FieldDescription("headers", DataClassification.PERSONAL,
                        "extra headers such as List-Unsubscribe; encrypted, dropped once sent"),
                new FieldDescription("state", DataClassification.PERSONAL,
                        "queued, sent, failed or cancelled, with attempts, times and the last error"),
                new FieldDescription("purpose", DataClassification.PERSONAL, "why the mail was sent"),
                new FieldDescription("template", DataClassification.PERSONAL, "which template the mail used"),
                new FieldDescription("dropFile", DataClassification.PERSONAL,
                        "name of the .eml file the file transport wrote (the file holds the whole mail)"));
        return new DataDescription(module(), List.of(new DataCategory(CATEGORY, fields,
                List.of("delivering mail the person asked for or agreed to (confirmations, answers, notices, "
                        + "newsletters with consent)", "proving what was sent when"),
                List.of("Art. 6(1)(b) and (c) for service mail", "Art. 6(1)(a) consent for other purposes, "
                        + "checked by the consent module before queuing and before each delivery attempt"),
                List.of("the configured mail relay (SMTP server) or the local drop folder"),
                "content until the mail is sent (failed mail: the configured days); status metadata until erasure",
                List.of("customers", "prospects", "staff"))));
    }

    @Override
    public PersonalDataExport export(PersonId person, Actor actor) {
        access.require(actor, Operation.EXPORT, module(), Optional.empty());
        List<MailRecord> rows = rows(person);
        List<ExportedRecord> records = new ArrayList<>();
        for (MailRecord row : rows) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("state", row.state);
            fields.put("purpose", row.purpose);
            fields.put("template", row.template == null ? "" : row.template);
            fields.put("attempts", row.attempts);
            fields.put("queuedAt", MailStore.instant(row.queuedMicros).toString());
            if (row.sentMicros != null) {
                fields.put("sentAt", MailStore.instant(row.sentMicros).toString());
            }
            if (row.lastError != null) {
                fields.put("lastError", row.lastError);
            }
            fields.put("messageId", row.messageId);
            if (row.hasContent()) {
                put(fields, row, "to", row.recipient);
                put(fields, row, "subject", row.subject);
                put(fields, row, "textBody", row.textBody);
                put(fields, row, "htmlBody", row.htmlBody);
                put(fields, row, "headers", row.headers);
            }
            records.add(new ExportedRecord(CATEGORY, "mail", row.id, fields, "outbox"));
        }
        for (String file : files.files(person)) {
            records.add(new ExportedRecord(CATEGORY, "drop-file", file, Map.of("dropFile", file), "file transport"));
        }
        audit.append(AuditEvent.builder(actor, "mail.export").target(module(), "mail").person(person)
                .details(records.size() + " records").build());
        return new PersonalDataExport(module(), records);
    }

    private void put(Map<String, Object> fields, MailRecord row, String field, String stored) {
        if (stored == null) {
            return;
        }
        String value = row.encrypted
                ? encryption.decrypt(PersonId.parse(row.personId), row.id, field, stored).orElse("[erased]")
                : stored;
        fields.put(field, value);
    }

    @Override
    public int rectify(PersonId person, Map<String, String> corrections, Actor actor) {
        for (String field : corrections.keySet()) {
            if (!"to".equals(field)) {
                throw new ValidationException(field, "cannot be rectified in the mail module (only 'to', the "
                        + "recipient of mail still waiting; sent content is no longer kept)");
            }
        }
        if (corrections.isEmpty()) {
            return 0;
        }
        String address = corrections.get("to");
        MailHeaders.requireAddress("to", address);
        access.require(actor, Operation.ERASE, module(), Optional.empty());
        int changed = store.tx().write(em -> {
            int n = 0;
            for (MailRecord row : em.createQuery("SELECT m FROM MailRecord m WHERE m.personId = :p AND m.state = :s "
                    + "AND m.recipient IS NOT NULL", MailRecord.class).setParameter("p", person.toString())
                    .setParameter("s", MailState.QUEUED.name()).getResultList()) {
                row.recipient = row.encrypted ? encryption.encrypt(person, row.id, "to", address) : address;
                n++;
            }
            return n;
        });
        audit.append(AuditEvent.builder(actor, "mail.rectify").target(module(), "mail").person(person).fields("to")
                .details(changed + " queued mails").build());
        return changed;
    }

    @Override
    public void restrict(PersonId person, boolean restricted, Actor actor) {
        access.require(actor, Operation.ERASE, module(), Optional.empty());
        boolean changed = store.tx().write(em -> restricted ? MailStore.LOCKS.restrict(em, person, store.now())
                : MailStore.LOCKS.lift(em, person));
        audit.append(AuditEvent.builder(actor, restricted ? "mail.restrict" : "mail.unrestrict")
                .target(module(), "mail").person(person).details(changed ? "queued mail " + (restricted
                        ? "held" : "released") : "unchanged").build());
    }

    @Override
    public boolean isRestricted(PersonId person) {
        return store.tx().read(em -> MailStore.LOCKS.isRestricted(em, person));
    }

    @Override
    public ErasureOutcome erase(PersonId person, Actor actor) {
        access.require(actor, Operation.ERASE, module(), Optional.empty());
        int dropFiles;
        try {
            // files first: a crash after this leaves rows, and a replay deletes them
            dropFiles = files.erase(person);
        } catch (IOException e) {
            throw new UnavailableException("The drop files of the person could not be deleted: " + e.getMessage(),
                    e);
        }
        int rows = store.tx().write(em -> {
            int n = em.createQuery("DELETE FROM MailRecord m WHERE m.personId = :p")
                    .setParameter("p", person.toString()).executeUpdate();
            MailStore.LOCKS.lift(em, person);
            return n;
        });
        audit.append(AuditEvent.builder(actor, "mail.erase").target(module(), "mail").person(person)
                .details(rows + " mails, " + dropFiles + " drop files deleted").build());
        return new ErasureOutcome(rows + dropFiles, 0, List.of());
    }

    private List<MailRecord> rows(PersonId person) {
        return store.tx().read(em -> em.createQuery(
                "SELECT m FROM MailRecord m WHERE m.personId = :p ORDER BY m.queuedMicros DESC", MailRecord.class)
                .setParameter("p", person.toString()).getResultList());
    }
}
