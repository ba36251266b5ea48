package org.steward.tickets.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.log.Logger;
import org.steward.core.Actor;
import org.steward.core.StewardException;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Operation;
import org.steward.permissions.PermissionAdministration;
import org.steward.permissions.RecordRef;
import org.steward.permissions.RecordVisibility;
import org.steward.permissions.Role;
import org.steward.tickets.Tickets;

/**
 * Record-level access to tickets. A ticket is a record owned by its assignee, so the permissions service decides as
 * for any record (owner, role hierarchy, sharing rules, profiles that see every record). On top of that a team is a
 * role of the permissions module: an agent whose profile grants an operation in the tickets module may read and work
 * on ({@link #TEAM_OPERATIONS}) every ticket of their own role's team and of the teams of the roles below it, assigned
 * or not. Deleting and erasing a single ticket still need full access (owner or a role above the owner).
 */
final class TeamAccess {

    /** What team membership alone allows on a ticket. */
    static final Set<Operation> TEAM_OPERATIONS = EnumSet.of(Operation.READ, Operation.EDIT);

    /** The tickets an actor may list: the visibility the permissions service gives, plus the actor's teams. */
    record Scope(RecordVisibility visibility, Set<String> teams) {

        boolean nothing() {
            return visibility.nothing() && teams.isEmpty();
        }

        boolean sees(String id, String assignee, String team) {
            return visibility.isVisible(id, assignee) || (team != null && teams.contains(team));
        }
    }

    private final AccessDecisions decisions;
    private final PermissionAdministration administration;

    TeamAccess(AccessDecisions decisions, PermissionAdministration administration) {
        this.decisions = decisions;
        this.administration = administration;
    }

    static RecordRef ref(TicketRecord ticket) {
        return new RecordRef(Tickets.MODULE, Tickets.TYPE, ticket.id, Optional.ofNullable(ticket.assignee));
    }

    boolean allows(Actor actor, Operation operation, TicketRecord ticket) {
        if (decisions.decide(actor, operation, ref(ticket)).allowed()) {
            return true;
        }
        return TEAM_OPERATIONS.contains(operation) && ticket.team != null
                && decisions.decide(actor, operation, Tickets.MODULE, Optional.empty()).allowed()
                && teamsOf(actor).contains(ticket.team);
    }

    /** Returns when allowed; otherwise the permissions service audits the refusal and throws. */
    void require(Actor actor, Operation operation, TicketRecord ticket) {
        if (!allows(actor, operation, ticket)) {
            decisions.require(actor, operation, ref(ticket));
        }
    }

    /** Enforces the operation in the module, without a record (a search, an export, an erasure). */
    void requireModule(Actor actor, Operation operation) {
        decisions.require(actor, operation, Tickets.MODULE, Optional.empty());
    }

    /** Drops the sharing rules of deleted tickets; a failure leaves rules on ids that no longer exist, harmless. */
    void unshare(List<String> ticketIds, Logger logger) {
        for (String id : ticketIds) {
            try {
                administration.unshareRecord(Actor.system(), Tickets.MODULE, Tickets.TYPE, id);
            } catch (StewardException e) {
                logger.warn("The sharing rules of deleted ticket {} could not be removed: {}", id, e.getMessage());
            }
        }
    }

    Scope scope(Actor actor) {
        RecordVisibility visibility = decisions.visibility(actor, Tickets.MODULE, Tickets.TYPE);
        if (visibility.allRecords()) {
            return new Scope(visibility, Set.of());
        }
        boolean reads = decisions.decide(actor, Operation.READ, Tickets.MODULE, Optional.empty()).allowed();
        return new Scope(visibility, reads ? teamsOf(actor) : Set.of());
    }

    /** The actor's role and every role below it. */
    Set<String> teamsOf(Actor actor) {
        List<Role> chain = administration.rolesOf(actor.userId());
        if (chain.isEmpty()) {
            return Set.of();
        }
        String own = chain.get(0).name();
        Map<String, Set<String>> children = new HashMap<>();
        for (Role role : administration.roles()) {
            role.parent().ifPresent(p -> children.computeIfAbsent(p, k -> new HashSet<>()).add(role.name()));
        }
        Set<String> teams = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(own));
        while (!todo.isEmpty()) {
            String role = todo.pop();
            if (teams.add(role)) {
                todo.addAll(children.getOrDefault(role, Set.of()));
            }
        }
        return teams;
    }
}
