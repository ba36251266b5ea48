package org.steward.tickets.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.steward.core.ConflictException;
import org.steward.core.NotFoundException;
import org.steward.core.StewardException;
import org.steward.core.UnavailableException;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

/** The module's tables: transactions and the queries the service, the provider and retention share. */
final class TicketStore {

    private final EntityManagerFactory factory;

    TicketStore(EntityManagerFactory factory) {
        this.factory = factory;
    }

    void close() {
        factory.close();
    }

    /** Runs work in one transaction; anything thrown rolls it back. */
    <T> T tx(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } catch (StewardException e) {
            rollback(em);
            throw e;
        } catch (jakarta.persistence.OptimisticLockException | jakarta.persistence.RollbackException e) {
            rollback(em);
            if (e instanceof jakarta.persistence.OptimisticLockException
                    || e.getCause() instanceof jakarta.persistence.OptimisticLockException) {
                throw new ConflictException("The ticket was changed by someone else at the same moment; try again");
            }
            throw new UnavailableException("The tickets database could not be updated: "
                    + e.getClass().getSimpleName(), e);
        } catch (RuntimeException e) {
            rollback(em);
            throw new UnavailableException("The tickets database could not be updated: " + e.getClass().getSimpleName(),
                    e);
        } finally {
            em.close();
        }
    }

    /** Reads without a transaction. */
    <T> T read(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            return work.apply(em);
        } finally {
            em.close();
        }
    }

    private static void rollback(EntityManager em) {
        if (em.getTransaction().isActive()) {
            em.getTransaction().rollback();
        }
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
