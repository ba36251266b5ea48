package org.steward.audit.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.steward.audit.AuditChain;
import org.steward.audit.AuditEntry;
import org.steward.audit.AuditEvent;
import org.steward.audit.Outcome;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.PersonId;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * One row of {@code AUDIT_ENTRY}. Rows are only ever inserted. Absent optional values are stored as NULL and read as
 * the empty text, which is also what the canonical bytes hold, so NULL and '' hash the same. The time is kept as
 * microseconds since the epoch (UTC) in a BIGINT, so that no driver converts it through a time zone.
 */
@Entity
@Table(name = "AUDIT_ENTRY", indexes = {
        @Index(name = "AUDIT_ENTRY_PERSON", columnList = "PERSON_ID, SEQ"),
        @Index(name = "AUDIT_ENTRY_ACTOR", columnList = "ACTOR_ID, SEQ"),
        @Index(name = "AUDIT_ENTRY_TARGET", columnList = "TARGET_MODULE, TARGET_TYPE, TARGET_ID, SEQ"),
        @Index(name = "AUDIT_ENTRY_ACTION", columnList = "ACTION, SEQ"),
        @Index(name = "AUDIT_ENTRY_TIME", columnList = "TIME_MICROS, SEQ") })
public class AuditRecord {

    /** Separates field names in {@code FIELD_NAMES}; field names cannot contain it. */
    static final String FIELD_SEPARATOR = ",";

    @Id
    @Column(name = "SEQ")
    private long seq;

    @Column(name = "TIME_MICROS", nullable = false)
    private long timeMicros;

    @Column(name = "ACTOR_ID", nullable = false, length = AuditEvent.MAX_ACTOR_TEXT)
    private String actorId;

    @Column(name = "ACTOR_LOGIN", nullable = false, length = AuditEvent.MAX_ACTOR_TEXT)
    private String actorLogin;

    @Column(name = "CHANNEL", nullable = false, length = 16)
    private String channel;

    @Column(name = "SOURCE_ADDRESS", length = AuditEvent.MAX_ACTOR_TEXT)
    private String sourceAddress;

    @Column(name = "SESSION_ID", length = AuditEvent.MAX_ACTOR_TEXT)
    private String sessionId;

    @Column(name = "ACTION", nullable = false, length = AuditEvent.MAX_NAME)
    private String action;

    @Column(name = "TARGET_MODULE", nullable = false, length = AuditEvent.MAX_NAME)
    private String targetModule;

    @Column(name = "TARGET_TYPE", nullable = false, length = AuditEvent.MAX_NAME)
    private String targetType;

    @Column(name = "TARGET_ID", length = AuditEvent.MAX_TARGET_ID)
    private String targetId;

    @Column(name = "PERSON_ID", length = 36)
    private String personId;

    @Column(name = "FIELD_NAMES", length = AuditEvent.MAX_FIELDS * (AuditEvent.MAX_FIELD_NAME + 1))
    private String fieldNames;

    @Column(name = "OUTCOME", nullable = false, length = 16)
    private String outcome;

    @Column(name = "DETAILS", length = AuditEvent.MAX_DETAILS)
    private String details;

    @Column(name = "PREV_HASH", nullable = false, length = 64)
    private String previousHash;

    @Column(name = "HASH", nullable = false, length = 64)
    private String hash;

    protected AuditRecord() {
    }

    static AuditRecord of(AuditEntry entry) {
        AuditRecord r = new AuditRecord();
        AuditEvent e = entry.event();
        Actor actor = e.actor();
        r.seq = entry.seq();
        r.timeMicros = AuditChain.toMicros(entry.time());
        r.actorId = actor.userId();
        r.actorLogin = actor.loginName();
        r.channel = actor.channel().name();
        r.sourceAddress = nullIfEmpty(actor.sourceAddress().orElse(""));
        r.sessionId = nullIfEmpty(actor.sessionId().orElse(""));
        r.action = e.action();
        r.targetModule = e.targetModule();
        r.targetType = e.targetType();
        r.targetId = nullIfEmpty(e.targetId());
        r.personId = e.person().map(PersonId::toString).orElse(null);
        r.fieldNames = nullIfEmpty(String.join(FIELD_SEPARATOR, e.fields()));
        r.outcome = e.outcome().name();
        r.details = nullIfEmpty(e.details());
        r.previousHash = entry.previousHash();
        r.hash = entry.hash();
        return r;
    }

    private static String nullIfEmpty(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static String text(String column) {
        return column == null ? "" : column;
    }

    long seq() {
        return seq;
    }

    String hash() {
        return text(hash);
    }

    String previousHash() {
        return text(previousHash);
    }

    List<String> fieldList() {
        String names = text(fieldNames);
        return names.isEmpty() ? List.of() : Arrays.asList(names.split(FIELD_SEPARATOR, -1));
    }

    /** The canonical bytes of the row as it is stored, whatever it holds (verification must not trust it). */
    byte[] canonicalBytes() {
        return AuditChain.canonicalBytes(seq, timeMicros, text(actorId), text(actorLogin), text(channel),
                text(sourceAddress), text(sessionId), text(action), text(targetModule), text(targetType),
                text(targetId), text(personId), fieldList(), text(outcome), text(details));
    }

    /** The row as an entry, for queries; values a tampered row holds that no event could hold are shown as they are. */
    AuditEntry toEntry() {
        Channel parsedChannel = parse(Channel.class, channel, Channel.SYSTEM);
        Actor actor = new Actor(orUnknown(actorId), orUnknown(actorLogin), parsedChannel,
                Optional.ofNullable(nullIfEmpty(sourceAddress)), Optional.ofNullable(nullIfEmpty(sessionId)));
        Optional<PersonId> person = Optional.empty();
        if (personId != null && !personId.isEmpty()) {
            try {
                person = Optional.of(new PersonId(UUID.fromString(personId)));
            } catch (IllegalArgumentException malformed) {
                person = Optional.empty();
            }
        }
        AuditEvent event = new AuditEvent(actor, text(action), text(targetModule), text(targetType), text(targetId),
                person, fieldList(), parse(Outcome.class, outcome, Outcome.FAILED), text(details));
        return new AuditEntry(seq, AuditChain.fromMicros(timeMicros), event, text(previousHash), text(hash));
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? "?" : value;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, E fallback) {
        try {
            return Enum.valueOf(type, value);
        } catch (RuntimeException unknown) {
            return fallback;
        }
    }
}
