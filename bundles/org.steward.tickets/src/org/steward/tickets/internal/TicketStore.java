package org.steward.tickets.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.steward.core.NotFoundException;
import org.steward.persistence.DatabaseErrors;
import org.steward.persistence.PersistenceUnit;
import org.steward.persistence.RestrictionLocks;
import org.steward.persistence.StewardPersistence;
import org.steward.persistence.Transactions;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

/**
 * The module's tables, opened once and shared by the helpdesk service, the personal-data provider and the retention
 * participant: their transactions, the restriction locks and the queries they have in common.
 */
@Component(service = TicketStore.class)
public final class TicketStore {

    static final String UNIT = "steward.tickets";
    /** 2: the restriction locks in the shared shape of {@link RestrictionLocks} (see {@link TicketsSchema}). */
    static final int SCHEMA_VERSION = 2;
    static final String SUBJECT = "the tickets database";
    static final RestrictionLocks LOCKS = RestrictionLocks.of("TICKETS");

    private final EntityManagerFactory factory;
    private final Transactions transactions;

    @Activate
    public TicketStore(@Reference StewardPersistence persistence, BundleContext context) {
        this.factory = persistence.open(context.getBundle(),
                new PersistenceUnit(UNIT, SCHEMA_VERSION, new TicketsSchema()));
        // a new database records schema 2 without migrating: its lock table is made here
        try (Connection c = persistence.dataSource().getConnection()) {
            LOCKS.createIfMissing(c);
        } catch (SQLException e) {
            factory.close();
            throw DatabaseErrors.translate(e, SUBJECT);
        }
        this.transactions = Transactions.of(factory, SUBJECT);
    }

    @Deactivate
    void close() {
        factory.close();
    }

    Transactions transactions() {
        return transactions;
    }

    /** A ticket outside the recycle bin. */
    static TicketRecord ticket(EntityManager em, String id) {
        TicketRecord ticket = em.find(TicketRecord.class, id);
        if (ticket == null || ticket.deletedAt != null) {
            throw new NotFoundException("Ticket", id);
        }
        return ticket;
    }

    static List<MessageRecord> messages(EntityManager em, String ticketId, boolean withInternalNotes) {
        String jpql = "SELECT m FROM MessageRecord m WHERE m.ticketId = :ticket"
                + (withInternalNotes ? "" : " AND m.kind <> :note") + " ORDER BY m.seq";
        var query = em.createQuery(jpql, MessageRecord.class).setParameter("ticket", ticketId);
        if (!withInternalNotes) {
            query.setParameter("note", org.steward.tickets.MessageKind.INTERNAL_NOTE.name());
        }
        return query.getResultList();
    }

    /** The messages of many tickets, by ticket id, in thread order. */
    static Map<String, List<MessageRecord>> messages(EntityManager em, Collection<String> ticketIds,
            boolean withInternalNotes) {
        Map<String, List<MessageRecord>> byTicket = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>(ticketIds);
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String jpql = "SELECT m FROM MessageRecord m WHERE m.ticketId IN :tickets"
                    + (withInternalNotes ? "" : " AND m.kind <> :note") + " ORDER BY m.ticketId, m.seq";
            var query = em.createQuery(jpql, MessageRecord.class).setParameter("tickets", chunk);
            if (!withInternalNotes) {
                query.setParameter("note", org.steward.tickets.MessageKind.INTERNAL_NOTE.name());
            }
            for (MessageRecord m : query.getResultList()) {
                byTicket.computeIfAbsent(m.ticketId, k -> new ArrayList<>()).add(m);
            }
        }
        return byTicket;
    }

    static List<AttachmentRecord> attachments(EntityManager em, String ticketId) {
        return em.createQuery("SELECT a FROM AttachmentRecord a WHERE a.ticketId = :ticket ORDER BY a.messageId, "
                + "a.position", AttachmentRecord.class).setParameter("ticket", ticketId).getResultList();
    }

    static int nextSeq(EntityManager em, String ticketId) {
        Integer max = em.createQuery("SELECT MAX(m.seq) FROM MessageRecord m WHERE m.ticketId = :ticket",
                Integer.class).setParameter("ticket", ticketId).getSingleResult();
        return max == null ? 1 : max + 1;
    }

    /** Every ticket of a person, recycle bin included. */
    static List<TicketRecord> ofPerson(EntityManager em, String personId) {
        return em.createQuery("SELECT t FROM TicketRecord t WHERE t.personId = :person ORDER BY t.createdAt, t.id",
                TicketRecord.class).setParameter("person", personId).getResultList();
    }

    /** Whether the requester of a ticket (or a person id) is restricted; an anonymised ticket has nobody. */
    static boolean restricted(EntityManager em, String personId) {
        return personId != null && LOCKS.isRestricted(em, org.steward.core.PersonId.parse(personId));
    }

    /** Removes the thread of a ticket: attachments and messages. */
    static void deleteThread(EntityManager em, String ticketId) {
        em.createQuery("DELETE FROM AttachmentRecord a WHERE a.ticketId = :ticket").setParameter("ticket", ticketId)
                .executeUpdate();
        em.createQuery("DELETE FROM MessageRecord m WHERE m.ticketId = :ticket").setParameter("ticket", ticketId)
                .executeUpdate();
    }

    /**
     * Keeps the ticket for statistics (status, priority, channel, team, assignee, times) and removes every trace of
     * the requester: subject, messages, attachments, person id.
     */
    static void anonymise(EntityManager em, TicketRecord ticket, Instant now) {
        deleteThread(em, ticket.id);
        ticket.subject = null;
        ticket.personId = null;
        ticket.anonymised = true;
        ticket.updatedAt = now;
    }

    static void delete(EntityManager em, TicketRecord ticket) {
        deleteThread(em, ticket.id);
        em.remove(ticket);
    }
}
