package org.steward.tickets.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.log.Logger;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.core.AccessDeniedException;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.PersonId;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.FieldAccessPlan;
import org.steward.permissions.Operation;
import org.steward.permissions.Purpose;
import org.steward.persistence.Transactions;
import org.steward.tickets.CustomerActor;
import org.steward.tickets.Ticket;
import org.steward.tickets.TicketQuery;
import org.steward.tickets.Tickets;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

/**
 * Lists the tickets an actor may see that match a query. Criteria on states run in the database; a text search
 * decrypts subjects and messages in memory, bounded by the configured scan limit.
 */
final class TicketSearch {

    private final AccessDecisions decisions;
    private final TeamAccess access;
    private final TicketRefusals refusals;
    private final TicketViews views;
    private final Transactions transactions;
    private final AuditLog audit;
    private final Logger logger;
    private final int scanLimit;

    TicketSearch(AccessDecisions decisions, TeamAccess access, TicketRefusals refusals, TicketViews views,
            Transactions transactions, AuditLog audit, Logger logger, int scanLimit) {
        this.decisions = decisions;
        this.access = access;
        this.refusals = refusals;
        this.views = views;
        this.transactions = transactions;
        this.audit = audit;
        this.logger = logger;
        this.scanLimit = scanLimit;
    }

    List<Ticket> search(TicketQuery query, Actor actor) {
        TicketInput.actor(actor);
        TicketQuery q = query == null ? TicketQuery.all() : query;
        Optional<PersonId> customer = CustomerActor.personOf(actor);
        TeamAccess.Scope scope;
        if (customer.isPresent()) {
            if (q.person().isPresent() && !q.person().equals(customer)) {
                throw refusals.deny(actor, "tickets.ticket.search", null, null,
                        "a customer searches their own tickets only");
            }
            q = q.person(customer.get());
            scope = null;
        } else if (actor.channel() == Channel.PORTAL) {
            throw refusals.deny(actor, "tickets.ticket.search", null, null, "the customer is not identified");
        } else {
            access.requireModule(actor, Operation.READ);
            scope = access.scope(actor);
        }
        TicketQuery criteria = q;
        List<Ticket> found = scope != null && scope.nothing() ? List.of()
                : transactions.read(em -> find(em, criteria, scope, customer.isPresent(), actor));
        List<String> used = new ArrayList<>();
        criteria.text().ifPresent(t -> used.add("text"));
        criteria.status().ifPresent(s -> used.add("status"));
        criteria.assignee().ifPresent(s -> used.add("assignee"));
        criteria.person().ifPresent(s -> used.add("person"));
        criteria.team().ifPresent(s -> used.add("team"));
        AuditEvent.Builder event = AuditEvent.builder(actor, "tickets.ticket.search").target(Tickets.MODULE,
                Tickets.TYPE).details("criteria: " + (used.isEmpty() ? "none" : String.join(", ", used)) + "; "
                        + found.size() + " tickets");
        criteria.person().ifPresent(event::person);
        audit.append(event.build());
        return found;
    }

    private List<Ticket> find(EntityManager em, TicketQuery q, TeamAccess.Scope scope, boolean customer, Actor actor) {
        StringBuilder jpql = new StringBuilder("SELECT t FROM TicketRecord t WHERE t.deletedAt IS NULL");
        Map<String, Object> parameters = new LinkedHashMap<>();
        q.status().ifPresent(s -> {
            jpql.append(" AND t.status = :status");
            parameters.put("status", s.name());
        });
        q.assignee().ifPresent(a -> {
            jpql.append(" AND t.assignee = :assignee");
            parameters.put("assignee", a);
        });
        q.person().ifPresent(p -> {
            jpql.append(" AND t.personId = :person");
            parameters.put("person", p.toString());
        });
        q.team().ifPresent(t -> {
            jpql.append(" AND t.team = :team");
            parameters.put("team", t);
        });
        if (customer) {
            jpql.append(" AND t.anonymised = FALSE");
        }
        if (scope != null && !scope.visibility().allRecords()) {
            List<String> any = new ArrayList<>();
            if (!scope.visibility().ownerUserIds().isEmpty()) {
                any.add("t.assignee IN :owners");
                parameters.put("owners", List.copyOf(scope.visibility().ownerUserIds()));
            }
            if (!scope.visibility().sharedRecordIds().isEmpty()) {
                any.add("t.id IN :shared");
                parameters.put("shared", List.copyOf(scope.visibility().sharedRecordIds()));
            }
            if (!scope.teams().isEmpty()) {
                any.add("t.team IN :teams");
                parameters.put("teams", List.copyOf(scope.teams()));
            }
            jpql.append(" AND (").append(String.join(" OR ", any)).append(')');
        }
        jpql.append(" ORDER BY t.createdAt DESC, t.id");
        TypedQuery<TicketRecord> query = em.createQuery(jpql.toString(), TicketRecord.class);
        parameters.forEach(query::setParameter);
        FieldAccessPlan plan = customer ? null
                : decisions.fields(actor, Tickets.MODULE, Tickets.TYPE, TicketService.CATALOGUE, Purpose.VIEW);
        boolean subjects = plan == null || plan.canRead("subject");
        if (q.text().isEmpty()) {
            query.setMaxResults(q.limit());
            return query.getResultList().stream().map(t -> views.view(t, subjects ? views.subject(t)
                    : Optional.empty(), false, !customer)).toList();
        }
        if (plan != null && !(plan.canRead("subject") && plan.canRead("body"))) {
            throw new AccessDeniedException("text search of tickets", "the profile may not read subjects and texts");
        }
        // a text search decrypts in memory: bounded to the newest candidates the other criteria leave
        query.setMaxResults(scanLimit);
        List<TicketRecord> candidates = query.getResultList();
        List<String> words = List.of(q.text().get().toLowerCase(Locale.ROOT).split("\\s+"));
        Map<String, List<MessageRecord>> messages = TicketStore.messages(em,
                candidates.stream().map(t -> t.id).toList(), !customer);
        List<Ticket> hits = new ArrayList<>();
        for (TicketRecord t : candidates) {
            if (hits.size() >= q.limit()) {
                break;
            }
            StringBuilder haystack = new StringBuilder();
            views.subject(t).ifPresent(s -> haystack.append(s).append('\n'));
            for (MessageRecord m : messages.getOrDefault(t.id, List.of())) {
                haystack.append(views.body(m)).append('\n');
            }
            String lower = haystack.toString().toLowerCase(Locale.ROOT);
            if (words.stream().allMatch(lower::contains)) {
                hits.add(views.view(t, views.subject(t), false, !customer));
            }
        }
        if (candidates.size() >= scanLimit) {
            logger.info("A ticket text search looked at the newest {} tickets only (searchScanLimit)", scanLimit);
        }
        return hits;
    }
}
