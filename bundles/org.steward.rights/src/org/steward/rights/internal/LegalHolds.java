package org.steward.rights.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.steward.audit.Outcome;
import org.steward.core.Actor;
import org.steward.core.NotFoundException;
import org.steward.core.PersonId;
import org.steward.core.ValidationException;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Operation;
import org.steward.persistence.Transactions;
import org.steward.rights.LegalHold;
import org.steward.rights.LegalHoldException;
import org.steward.rights.RequestId;
import org.steward.rights.RequestRegister;

/** Legal holds (Art. 17(3)): while one is active, the person's erasure is refused. */
final class LegalHolds {

    private final Transactions db;
    private final AccessDecisions access;
    private final RightsAudit audit;
    private final Supplier<Clock> clock;

    LegalHolds(Transactions db, AccessDecisions access, RightsAudit audit, Supplier<Clock> clock) {
        this.db = db;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    LegalHold place(PersonId person, String reason, Actor actor) {
        access.require(actor, Operation.EDIT, RequestRegister.MODULE, Optional.empty());
        if (person == null) {
            throw new ValidationException("person", "is required");
        }
        HoldRecord hold = new HoldRecord();
        hold.id = UUID.randomUUID().toString();
        hold.personId = person.toString();
        hold.reason = RequestBook.required("reason", reason, 1000);
        hold.placedBy = actor.userId();
        hold.placedAt = clock.get().instant();
        db.run(em -> em.persist(hold));
        audit.append(audit.event(actor, "rights.hold.place", "hold", hold.id, person).fields("reason"));
        return hold.toHold();
    }

    LegalHold release(String holdId, Actor actor) {
        access.require(actor, Operation.EDIT, RequestRegister.MODULE, Optional.empty());
        String id = RequestBook.required("holdId", holdId, 36);
        HoldRecord released = db.write(em -> {
            HoldRecord hold = em.find(HoldRecord.class, id);
            if (hold == null) {
                throw new NotFoundException("Legal hold", id);
            }
            if (hold.releasedAt == null) {
                hold.releasedAt = clock.get().instant();
                hold.releasedBy = actor.userId();
            }
            return hold;
        });
        audit.append(audit.event(actor, "rights.hold.release", "hold", id, PersonId.parse(released.personId)));
        return released.toHold();
    }

    List<LegalHold> holds(PersonId person, Actor actor) {
        access.require(actor, Operation.READ, RequestRegister.MODULE, Optional.empty());
        return holdsOf(person);
    }

    List<LegalHold> holdsOf(PersonId person) {
        return db.read(em -> em.createQuery("SELECT h FROM HoldRecord h WHERE h.personId = :p ORDER BY h.placedAt",
                HoldRecord.class).setParameter("p", person.toString()).getResultList().stream()
                .map(HoldRecord::toHold).sorted((a, b) -> Boolean.compare(b.isActive(), a.isActive())).toList());
    }

    /**
     * Refuses the erasure of a person under an active hold, audited as denied. Not {@code AuditLog.refuseAccess}:
     * the caller is permitted, the person's data is what is held, and callers tell the hold by its own exception.
     */
    void refuseUnderHold(PersonId person, RequestId request, Actor actor) {
        List<LegalHold> active = holdsOf(person).stream().filter(LegalHold::isActive).toList();
        if (!active.isEmpty()) {
            audit.append(audit.event(actor, "rights.erase", "request", request == null ? "" : request.value(), person)
                    .outcome(Outcome.DENIED).details("blocked by legal hold(s) "
                            + String.join(",", active.stream().map(LegalHold::id).toList())));
            throw new LegalHoldException(person, active);
        }
    }
}
