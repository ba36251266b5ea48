package org.steward.rights.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import org.osgi.service.log.Logger;
import org.steward.core.Actor;
import org.steward.core.ConflictException;
import org.steward.core.NotFoundException;
import org.steward.core.PersonId;
import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;
import org.steward.encryption.BlindIndex;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Operation;
import org.steward.permissions.RecordRef;
import org.steward.persistence.Transactions;
import org.steward.rights.Deadlines;
import org.steward.rights.RequestId;
import org.steward.rights.RequestRegister;
import org.steward.rights.RequestState;
import org.steward.rights.RequestType;
import org.steward.rights.RightsRequest;
import org.steward.rights.Verification;

import jakarta.persistence.EntityManager;

/** The register of data-subject requests: registration, the state machine, assignment and the Art. 12(3) deadline. */
final class RequestBook {

    private final Transactions db;
    private final AccessDecisions access;
    private final BlindIndex blindIndex;
    private final RightsAudit audit;
    private final Supplier<Clock> clock;
    private final Supplier<PersonDirectory> directory;
    private final Supplier<Notices> notices;
    private final Logger logger;

    RequestBook(Transactions db, AccessDecisions access, BlindIndex blindIndex, RightsAudit audit,
            Supplier<Clock> clock, Supplier<PersonDirectory> directory, Supplier<Notices> notices, Logger logger) {
        this.db = db;
        this.access = access;
        this.blindIndex = blindIndex;
        this.audit = audit;
        this.clock = clock;
        this.directory = directory;
        this.notices = notices;
        this.logger = logger;
    }

    Instant now() {
        return clock.get().instant();
    }

    LocalDate today() {
        return LocalDate.now(clock.get());
    }

    static RecordRef requestRef(RequestId id) {
        return RecordRef.unowned(RequestRegister.MODULE, "request", id.value());
    }

    static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        String text = value.strip();
        if (text.length() > max) {
            throw new ValidationException(field, "is longer than " + max + " characters");
        }
        return text;
    }

    private static RequestRecord record(EntityManager em, RequestId id) {
        RequestRecord record = em.find(RequestRecord.class, id.value());
        if (record == null) {
            throw new NotFoundException("Rights request", id);
        }
        return record;
    }

    private static void open(RequestRecord r) {
        if (!RequestState.valueOf(r.state).isOpen()) {
            throw new ConflictException("Request " + r.id + " is " + r.state + " and can no longer be changed");
        }
    }

    // ------------------------------------------------------------------------------------------------ registration

    RightsRequest register(RequestType type, PersonId person, LocalDate received, String channel, Actor actor) {
        access.require(actor, Operation.CREATE, RequestRegister.MODULE, Optional.empty());
        if (person == null) {
            throw new ValidationException("person", "is required");
        }
        return insert(type, person, null, received, channel, Verification.UNVERIFIED, actor);
    }

    RightsRequest register(RequestType type, String email, LocalDate received, String channel, Actor actor) {
        access.require(actor, Operation.CREATE, RequestRegister.MODULE, Optional.empty());
        String index = blindIndex.email(email);
        PersonId person = personByEmail(email, actor).or(() -> earlierPerson(index)).orElseGet(PersonId::random);
        return insert(type, person, index, received, channel, Verification.UNVERIFIED, actor);
    }

    /** The person with this address in the contacts module; it is what turns an e-mail address into a person. */
    Optional<PersonId> personByEmail(String email, Actor actor) {
        blindIndex.normaliseEmail(email);
        PersonDirectory people = directory.get();
        if (people == null) {
            throw new UnavailableException("The contacts module is not installed: an e-mail address cannot be "
                    + "resolved to a person; name the person by id");
        }
        return people.byEmail(email, actor);
    }

    private Optional<PersonId> earlierPerson(String emailIndex) {
        return db.read(em -> em.createQuery("SELECT r.personId FROM RequestRecord r WHERE r.emailIndex = :i "
                + "ORDER BY r.registeredAt DESC", String.class).setParameter("i", emailIndex).setMaxResults(1)
                .getResultList().stream().findFirst().map(PersonId::parse));
    }

    RightsRequest insert(RequestType type, PersonId person, String emailIndex, LocalDate received, String channel,
            Verification verification, Actor actor) {
        if (type == null) {
            throw new ValidationException("type", "is required");
        }
        LocalDate today = today();
        LocalDate day = received == null ? today : received;
        if (day.isAfter(today)) {
            throw new ValidationException("received", "cannot be in the future");
        }
        String via = channel == null || channel.isBlank() ? actor.channel().name().toLowerCase(Locale.ROOT)
                : required("channel", channel, 64);
        RequestRecord record = new RequestRecord();
        record.id = RequestId.random().value();
        record.type = type.name();
        record.personId = person.toString();
        record.emailIndex = emailIndex;
        record.channel = via;
        record.receivedOn = day;
        record.verification = verification.name();
        record.state = RequestState.RECEIVED.name();
        record.dueOn = Deadlines.due(day);
        record.extensionMonths = 0;
        record.registeredAt = now();
        record.registeredBy = actor.userId();
        db.run(em -> em.persist(record));
        audit.append(audit.event(actor, "rights.request.register", "request", record.id, person)
                .details("type=" + type + " received=" + day + " due=" + record.dueOn + " verification="
                        + verification));
        return record.toRequest();
    }

    // ------------------------------------------------------------------------------------------------ reading

    RightsRequest get(RequestId id, Actor actor) {
        access.require(actor, Operation.READ, requestRef(id));
        return find(id).orElseThrow(() -> new NotFoundException("Rights request", id));
    }

    Optional<RightsRequest> find(RequestId id) {
        return db.read(em -> Optional.ofNullable(em.find(RequestRecord.class, id.value()))
                .map(RequestRecord::toRequest));
    }

    List<RightsRequest> list(boolean overdueOnly, Actor actor) {
        access.require(actor, Operation.READ, RequestRegister.MODULE, Optional.empty());
        LocalDate today = today();
        return db.read(em -> {
            var query = overdueOnly
                    ? em.createQuery("SELECT r FROM RequestRecord r WHERE r.state IN :open AND r.dueOn < :today "
                            + "ORDER BY r.dueOn, r.id", RequestRecord.class)
                            .setParameter("open", List.of("RECEIVED", "VERIFYING", "IN_PROGRESS"))
                            .setParameter("today", today)
                    : em.createQuery("SELECT r FROM RequestRecord r ORDER BY r.dueOn, r.id", RequestRecord.class);
            return query.getResultList().stream().map(RequestRecord::toRequest).toList();
        });
    }

    List<RightsRequest> forPerson(PersonId person, Actor actor) {
        access.require(actor, Operation.READ, RequestRegister.MODULE, Optional.empty());
        return requestsOf(person);
    }

    List<RightsRequest> requestsOf(PersonId person) {
        return db.read(em -> em.createQuery("SELECT r FROM RequestRecord r WHERE r.personId = :p "
                + "ORDER BY r.registeredAt DESC", RequestRecord.class).setParameter("p", person.toString())
                .getResultList().stream().map(RequestRecord::toRequest).toList());
    }

    List<String> emailIndexesOf(PersonId person) {
        return db.read(em -> em.createQuery("SELECT DISTINCT r.emailIndex FROM RequestRecord r WHERE r.personId = :p "
                + "AND r.emailIndex IS NOT NULL", String.class).setParameter("p", person.toString()).getResultList());
    }

    // ------------------------------------------------------------------------------------------------ changes

    RightsRequest verify(RequestId id, Verification verification, Actor actor) {
        access.require(actor, Operation.EDIT, requestRef(id));
        if (verification == null) {
            throw new ValidationException("verification", "is required");
        }
        RequestRecord changed = db.write(em -> {
            RequestRecord r = record(em, id);
            open(r);
            r.verification = verification.name();
            return r;
        });
        audit.append(audit.event(actor, "rights.request.verify", "request", id.value(),
                PersonId.parse(changed.personId)).fields("verification").details("verification=" + verification));
        return changed.toRequest();
    }

    RightsRequest transition(RequestId id, RequestState to, Actor actor) {
        access.require(actor, Operation.EDIT, requestRef(id));
        if (to == null) {
            throw new ValidationException("state", "is required");
        }
        if (to == RequestState.REFUSED) {
            throw new ValidationException("state", "a refusal needs a reason: use refuse");
        }
        return move(id, to, actor);
    }

    RightsRequest move(RequestId id, RequestState to, Actor actor) {
        String[] from = new String[1];
        RequestRecord changed = db.write(em -> {
            RequestRecord r = record(em, id);
            RequestState current = RequestState.valueOf(r.state);
            from[0] = r.state;
            if (current == to) {
                return r;
            }
            if (!current.next().contains(to)) {
                throw new ConflictException("Request " + id + " is " + current + " and cannot become " + to);
            }
            r.state = to.name();
            if (!to.isOpen()) {
                r.closedAt = now();
            }
            return r;
        });
        if (!from[0].equals(to.name())) {
            audit.append(audit.event(actor, "rights.request.transition", "request", id.value(),
                    PersonId.parse(changed.personId)).fields("state").details(from[0] + " -> " + to));
        }
        return changed.toRequest();
    }

    RightsRequest refuse(RequestId id, String reason, Actor actor) {
        access.require(actor, Operation.EDIT, requestRef(id));
        String why = required("reason", reason, 1000);
        String[] from = new String[1];
        RequestRecord changed = db.write(em -> {
            RequestRecord r = record(em, id);
            open(r);
            from[0] = r.state;
            r.state = RequestState.REFUSED.name();
            r.refusalReason = why;
            r.closedAt = now();
            return r;
        });
        audit.append(audit.event(actor, "rights.request.transition", "request", id.value(),
                PersonId.parse(changed.personId)).fields("state", "refusalReason").details(from[0] + " -> REFUSED"));
        return changed.toRequest();
    }

    RightsRequest assign(RequestId id, String userId, Actor actor) {
        access.require(actor, Operation.EDIT, requestRef(id));
        String assignee = userId == null || userId.isBlank() ? null : required("assignee", userId, 200);
        RequestRecord changed = db.write(em -> {
            RequestRecord r = record(em, id);
            open(r);
            r.assignee = assignee;
            return r;
        });
        audit.append(audit.event(actor, "rights.request.assign", "request", id.value(),
                PersonId.parse(changed.personId)).fields("assignee")
                .details(assignee == null ? "unassigned" : "assigned to user " + assignee));
        return changed.toRequest();
    }

    RightsRequest extend(RequestId id, int months, String reason, Actor actor) {
        access.require(actor, Operation.EDIT, requestRef(id));
        String why = required("reason", reason, 1000);
        RightsRequest current = find(id).orElseThrow(() -> new NotFoundException("Rights request", id));
        LocalDate extendedDue = Deadlines.extended(current.received(), months);
        if (!current.state().isOpen()) {
            throw new ConflictException("Request " + id + " is " + current.state() + "; only an open request can be "
                    + "extended");
        }
        if (current.extensionMonths() > 0) {
            throw new ConflictException("Request " + id + " was already extended to " + current.due()
                    + "; Art. 12(3) allows one extension of at most two months in all");
        }
        if (today().isAfter(Deadlines.due(current.received()))) {
            throw new ConflictException("Request " + id + " can no longer be extended: the person must be told "
                    + "within the first month, which ended on " + Deadlines.due(current.received()));
        }
        String via = sendNotice(current, extendedDue, why);
        Instant noticeAt = now();
        RequestRecord changed = db.write(em -> {
            RequestRecord r = record(em, id);
            if (r.extensionMonths > 0) {
                throw new ConflictException("Request " + id + " was already extended");
            }
            r.extensionMonths = months;
            r.extensionReason = why;
            r.dueOn = extendedDue;
            r.noticeAt = noticeAt;
            r.noticeVia = via;
            return r;
        });
        audit.append(audit.event(actor, "rights.request.extend", "request", id.value(), current.person())
                .fields("due", "extensionMonths", "extensionReason", "notice")
                .details("extended by " + months + " month(s) to " + extendedDue + "; notice " + via));
        return changed.toRequest();
    }

    /** Tells the person of the extension by mail when mail and contacts are there; otherwise it is given by hand. */
    private String sendNotice(RightsRequest request, LocalDate extendedDue, String reason) {
        Notices sender = notices.get();
        if (sender == null) {
            return "manual";
        }
        String subject = "Your request of " + request.received() + ": more time needed";
        String text = "We received your request (" + request.type().name().toLowerCase(Locale.ROOT) + ", GDPR "
                + request.type().article() + ") on " + request.received() + ".\n\nWe need more time to answer it: "
                + reason + "\n\nWe will answer by " + extendedDue + " at the latest (GDPR Art. 12(3)).\n\n"
                + "Reference: " + request.id() + "\n";
        try {
            return sender.send(request.person(), subject, text).orElse("manual");
        } catch (RuntimeException e) {
            logger.warn("The extension notice of request {} could not be queued ({}); it must be given by hand",
                    request.id(), e.getClass().getSimpleName());
            return "manual";
        }
    }
}
