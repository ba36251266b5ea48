package org.steward.breaches.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.osgi.service.log.Logger;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.audit.Outcome;
import org.steward.breaches.Breach;
import org.steward.breaches.BreachId;
import org.steward.breaches.Breaches;
import org.steward.breaches.NoticeOutcome;
import org.steward.breaches.PersonNotice;
import org.steward.breaches.Recipient;
import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.core.StewardException;
import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Operation;
import org.steward.persistence.Transactions;

/**
 * Telling the people concerned (Art. 34): one notice per person and breach, never twice, through the mail module
 * when it is installed, to the address given or found in the contacts module when that is installed.
 */
final class PeopleNotices {

    private final Transactions db;
    private final AuditLog audit;
    private final AccessDecisions access;
    private final Supplier<Clock> clock;
    private final Supplier<NoticeMail> mail;
    private final Supplier<AddressBook> addressBook;
    private final Logger logger;

    PeopleNotices(Transactions db, AuditLog audit, AccessDecisions access, Supplier<Clock> clock,
            Supplier<NoticeMail> mail, Supplier<AddressBook> addressBook, Logger logger) {
        this.db = db;
        this.audit = audit;
        this.access = access;
        this.clock = clock;
        this.mail = mail;
        this.addressBook = addressBook;
        this.logger = logger;
    }

    List<PersonNotice> notifyPeople(BreachId id, List<Recipient> recipients, Actor actor) {
        access.require(actor, Operation.EDIT, Breaches.MODULE, Optional.empty());
        if (recipients == null || recipients.isEmpty()) {
            throw new ValidationException("recipients", "name at least one person");
        }
        NoticeMail mail = this.mail.get();
        if (mail == null) {
            throw new UnavailableException("The mail module is not installed; nobody was notified");
        }
        Breach breach = db.read(em -> BreachDrafts.toBreach(BreachDrafts.find(em, id)));
        Map<String, String> values = Map.of("nature", breach.details().nature(), "consequences",
                breach.details().consequences(), "measures", breach.details().measures(), "contact",
                breach.details().contactPoint());
        List<PersonNotice> notices = new ArrayList<>();
        List<AuditEvent> events = new ArrayList<>();
        for (Recipient given : recipients) {
            PersonId person = given.person();
            Optional<PersonNotice> earlier = notice(id, person);
            if (earlier.isPresent() && earlier.get().outcome() == NoticeOutcome.QUEUED) {
                notices.add(earlier.get());
                continue; // told already: never twice
            }
            PersonNotice notice = notify(complete(given, actor), values, mail);
            save(id, notice);
            notices.add(notice);
            events.add(AuditEvent.builder(actor, "breach.notify-person").target(Breaches.MODULE, BreachBook.TYPE, id.value())
                    .person(person).outcome(notice.outcome() == NoticeOutcome.QUEUED ? Outcome.SUCCESS
                            : Outcome.FAILED)
                    .details(notice.outcome() + notice.mailId().map(m -> ", mail " + m).orElse("")
                            + (notice.reason().isEmpty() ? "" : ", " + notice.reason()))
                    .build());
        }
        if (!events.isEmpty()) {
            audit.appendAll(events);
        }
        return notices;
    }

    /** The address and language from the contacts module when not given. */
    private Recipient complete(Recipient given, Actor actor) {
        if (given.email().isPresent()) {
            return given;
        }
        AddressBook book = addressBook.get();
        if (book == null) {
            return given;
        }
        try {
            return book.lookup(given.person(), actor).map(found -> new Recipient(given.person(), found.email(),
                    given.language().or(found::language))).orElse(given);
        } catch (StewardException e) {
            logger.warn("The address of a person to notify of a breach could not be looked up: {}", e.code());
            return given;
        }
    }

    private PersonNotice notify(Recipient recipient, Map<String, String> values, NoticeMail mail) {
        Instant now = clock.get().instant();
        if (recipient.email().isEmpty()) {
            return new PersonNotice(recipient.person(), now, NoticeOutcome.NO_ADDRESS, Optional.empty(),
                    addressBook.get() == null ? "no address given and the contacts module is not installed"
                            : "no address known");
        }
        return mail.send(recipient.person(), recipient.email().get(), recipient.language().orElse(Locale.ENGLISH),
                values, now);
    }

    private Optional<PersonNotice> notice(BreachId id, PersonId person) {
        return db.read(em -> Optional.ofNullable(em.find(NoticeRecord.class, NoticeRecord.id(id.value(),
                person.toString()))).map(PeopleNotices::toNotice));
    }

    private void save(BreachId id, PersonNotice notice) {
        db.write(em -> {
            String key = NoticeRecord.id(id.value(), notice.person().toString());
            NoticeRecord r = em.find(NoticeRecord.class, key);
            if (r == null) {
                r = new NoticeRecord();
                r.id = key;
                r.breachId = id.value();
                r.personId = notice.person().toString();
                em.persist(r);
            }
            r.notifiedAt = notice.at();
            r.outcome = notice.outcome().name();
            r.mailId = notice.mailId().orElse(null);
            r.reason = notice.reason().isEmpty() ? null : notice.reason();
            return null;
        });
    }

    static PersonNotice toNotice(NoticeRecord r) {
        return new PersonNotice(PersonId.parse(r.personId), r.notifiedAt, NoticeOutcome.valueOf(r.outcome),
                Optional.ofNullable(r.mailId), r.reason);
    }

    List<PersonNotice> notices(BreachId id, Actor actor) {
        access.require(actor, Operation.READ, Breaches.MODULE, Optional.empty());
        return db.read(em -> {
            BreachDrafts.find(em, id);
            return em.createQuery("SELECT n FROM NoticeRecord n WHERE n.breachId = :b ORDER BY n.notifiedAt, n.id",
                    NoticeRecord.class).setParameter("b", id.value()).getResultList().stream()
                    .map(PeopleNotices::toNotice).toList();
        });
    }
}
