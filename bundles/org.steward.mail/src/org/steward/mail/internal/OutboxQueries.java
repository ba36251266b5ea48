package org.steward.mail.internal;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.steward.core.PersonId;
import org.steward.mail.MailId;
import org.steward.mail.MailState;
import org.steward.mail.MailStatus;

/** What the outbox holds, without content: the state of a mail, a person's mail, the counts the console shows. */
final class OutboxQueries {

    private final MailStore store;

    OutboxQueries(MailStore store) {
        this.store = store;
    }

    Optional<MailStatus> status(MailId id) {
        MailRecord row = store.tx().read(em -> em.find(MailRecord.class, id.value()));
        return Optional.ofNullable(row).map(OutboxQueries::status);
    }

    List<MailStatus> forPerson(PersonId person) {
        return store.tx().read(em -> em.createQuery(
                "SELECT m FROM MailRecord m WHERE m.personId = :p ORDER BY m.queuedMicros DESC", MailRecord.class)
                .setParameter("p", person.toString()).getResultList()).stream().map(OutboxQueries::status).toList();
    }

    int queued() {
        return store.tx().read(em -> em.createQuery("SELECT COUNT(m) FROM MailRecord m WHERE m.state = :s",
                Long.class).setParameter("s", MailState.QUEUED.name()).getSingleResult()).intValue();
    }

    static MailStatus status(MailRecord row) {
        MailState state = MailState.valueOf(row.state);
        return new MailStatus(new MailId(row.id), state, row.template == null ? "" : row.template, row.purpose,
                row.attempts, MailStore.instant(row.queuedMicros),
                state == MailState.QUEUED && row.nextMicros != null ? Optional.of(MailStore.instant(row.nextMicros))
                        : Optional.empty(),
                Optional.ofNullable(row.sentMicros).map(MailStore::instant), Optional.ofNullable(row.lastError));
    }

    /** Counts per state, how many queued mails are held for restricted people, and when the next one is due. */
    record Summary(Map<MailState, Long> counts, long held, Optional<Instant> nextDue) {
    }

    Summary summary() {
        return store.tx().read(em -> {
            Map<MailState, Long> counts = new EnumMap<>(MailState.class);
            for (MailState state : MailState.values()) {
                counts.put(state, 0L);
            }
            for (Object[] row : em.createQuery("SELECT m.state, COUNT(m) FROM MailRecord m GROUP BY m.state",
                    Object[].class).getResultList()) {
                counts.put(MailState.valueOf((String) row[0]), ((Number) row[1]).longValue());
            }
            Object held = em.createNativeQuery("SELECT COUNT(*) FROM MAIL_MESSAGE WHERE STATE = ? AND PERSON_ID IN "
                    + "(SELECT PERSON_ID FROM " + MailStore.LOCKS.table() + ")")
                    .setParameter(1, MailState.QUEUED.name()).getSingleResult();
            Long next = em.createQuery("SELECT MIN(m.nextMicros) FROM MailRecord m WHERE m.state = :s", Long.class)
                    .setParameter("s", MailState.QUEUED.name()).getSingleResult();
            return new Summary(counts, ((Number) held).longValue(), Optional.ofNullable(next).map(MailStore::instant));
        });
    }
}
