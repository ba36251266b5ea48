package org.steward.consent.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.steward.audit.AuditEvent;
import org.steward.audit.Outcome;
import org.steward.consent.ConsentProof;
import org.steward.consent.ContactDecision;
import org.steward.consent.ContactPermission;
import org.steward.consent.DataSubjects;
import org.steward.consent.MailingList;
import org.steward.consent.MailingLists;
import org.steward.consent.TokenRejectedException;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.ConflictException;
import org.steward.core.NotFoundException;
import org.steward.core.PersonId;
import org.steward.core.PublicAddress;
import org.steward.core.ValidationException;
import org.steward.mail.MailOutbox;
import org.steward.mail.MailTemplates;
import org.steward.mail.OutgoingMail;
import org.steward.mail.RenderedMail;
import org.steward.permissions.Operation;

import jakarta.persistence.EntityManager;

/**
 * Mailing lists. List mail goes through the outbox with the purpose {@code list:<name>}, so the sending policy stops
 * it, queued or not, once the person unsubscribes or withdraws the consent to the list's purpose. Each mail carries
 * its own unsubscribe token (RFC 8058 one-click, RFC 2369 List-Unsubscribe).
 */
@Component(service = MailingLists.class, configurationPid = ConsentConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class MailingListService implements MailingLists {

    static final String UNSUBSCRIBED_TEMPLATE = "unsubscribed";

    private final ConsentStore store;
    private final ContactPermission permission;
    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final ConsentConfiguration config;
    private final ConsentLinks links;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile People people;

    @Activate
    public MailingListService(@Reference ConsentStore store, @Reference ContactPermission permission,
            @Reference MailOutbox outbox, @Reference MailTemplates templates, @Reference PublicAddress publicAddress,
            ConsentConfiguration config) {
        this.store = store;
        this.permission = permission;
        this.outbox = outbox;
        this.templates = templates;
        this.config = config;
        this.links = new ConsentLinks(config, publicAddress);
    }

    static boolean subscribed(EntityManager em, PersonId person, String list) {
        List<SubscriptionRecord> found = em.createQuery("SELECT s FROM SubscriptionRecord s WHERE s.personId = :p "
                + "AND s.list = :l ORDER BY s.seq DESC", SubscriptionRecord.class).setParameter("p", person.toString())
                .setParameter("l", list).setMaxResults(1).getResultList();
        return !found.isEmpty() && found.get(0).subscribed;
    }

    private static ListRecord requireList(EntityManager em, String name) {
        ListRecord list = em.find(ListRecord.class, ConsentStore.name("list", name));
        if (list == null) {
            throw new ValidationException("list", "is not a known mailing list");
        }
        return list;
    }

    private static MailingList toList(ListRecord r) {
        return new MailingList(r.name, r.purpose, r.description);
    }

    @Override
    public List<MailingList> lists() {
        return store.db().read(em -> em.createQuery("SELECT l FROM ListRecord l ORDER BY l.name", ListRecord.class)
                .getResultList().stream().map(MailingListService::toList).toList());
    }

    @Override
    public MailingList define(String name, String purpose, String description, Actor actor) {
        store.requireModule(actor, Operation.ADMINISTER);
        String listName = ConsentStore.name("list", name);
        MailingList defined = store.db().write(em -> {
            PurposeRecord p = ConsentStore.requirePurpose(em, purpose);
            if (em.find(ListRecord.class, listName) != null) {
                throw new ConflictException("The mailing list " + listName + " exists already");
            }
            ListRecord r = new ListRecord();
            r.name = listName;
            r.purpose = p.name;
            r.description = ConsentStore.limit(description, 1000);
            r.createdAt = store.now();
            em.persist(r);
            return toList(r);
        });
        store.audit(actor, "consent.list.define", "list", listName, null, "purpose " + defined.purpose());
        return defined;
    }

    @Override
    public void subscribe(PersonId person, String list, Actor actor) {
        store.requireAccess(actor, Operation.MANAGE_CONSENT, person);
        String name = store.db().write(em -> {
            ListRecord l = requireList(em, list);
            store.refuseIfRestricted(em, person, actor, "consent.subscribe");
            if (subscribed(em, person, l.name)) {
                return l.name;
            }
            ContactDecision decision = permission.mayContact(person, l.purpose);
            if (!decision.allowed()) {
                store.audit(AuditEvent.builder(actor, "consent.subscribe").target(ConsentStore.MODULE, "list", l.name)
                        .person(person).outcome(Outcome.DENIED).details(decision.reason()).build());
                throw new ConflictException("Subscribing to " + l.name + " needs a current consent to "
                        + l.purpose + ": " + decision.reason());
            }
            addEvent(em, person, l.name, true, actor.channel(), "subscribe", actor);
            return l.name;
        });
        store.audit(actor, "consent.subscribe", "list", name, person, "subscribed", "subscription");
    }

    @Override
    public void unsubscribe(PersonId person, String list, Actor actor) {
        store.requireAccess(actor, Operation.MANAGE_CONSENT, person);
        String name = store.db().write(em -> leave(em, person, requireList(em, list), actor.channel(), "unsubscribe", actor));
        store.audit(actor, "consent.unsubscribe", "list", name, person, "unsubscribed", "subscription");
    }

    /**
     * Ends the subscription (idempotent) and, when no other list of the same purpose is still subscribed, withdraws
     * the consent to the purpose: the person said they no longer want this kind of mail.
     */
    private String leave(EntityManager em, PersonId person, ListRecord l, Channel channel, String how, Actor actor) {
        if (subscribed(em, person, l.name)) {
            addEvent(em, person, l.name, false, channel, how, actor);
        }
        List<String> sameKind = em.createQuery("SELECT l.name FROM ListRecord l WHERE l.purpose = :u AND "
                + "l.name <> :n", String.class).setParameter("u", l.purpose).setParameter("n", l.name)
                .getResultList();
        boolean stillWanted = sameKind.stream().anyMatch(other -> subscribed(em, person, other));
        PurposeRecord p = em.find(PurposeRecord.class, l.purpose);
        if (!stillWanted && p != null && p.needsConsent) {
            store.withdrawIn(em, person, l.purpose,
                    new ConsentProof(store.now(), channel, "list:" + l.name, 0, Optional.empty(), Optional.empty()),
                    actor);
        }
        return l.name;
    }

    private void addEvent(EntityManager em, PersonId person, String list, boolean subscribed, Channel channel,
            String how, Actor actor) {
        SubscriptionRecord s = new SubscriptionRecord();
        s.id = UUID.randomUUID().toString();
        s.seq = ConsentStore.nextSeq(em, "SubscriptionRecord", person);
        s.personId = person.toString();
        s.list = list;
        s.subscribed = subscribed;
        s.channel = channel.name();
        s.how = how;
        s.recordedAt = store.now();
        s.recordedBy = ConsentStore.limit(actor.userId(), 200);
        em.persist(s);
    }

    @Override
    public boolean isSubscribed(PersonId person, String list, Actor actor) {
        store.requireAccess(actor, Operation.READ, person);
        boolean result = store.db().read(em -> subscribed(em, person, requireList(em, list).name));
        store.audit(actor, "consent.subscription.read", "list", ConsentStore.name("list", list), person, "",
                "subscription");
        return result;
    }

    @Override
    public List<PersonId> subscribers(String list, Actor actor) {
        store.requireModule(actor, Operation.READ);
        List<PersonId> people = store.db().read(em -> {
            String name = requireList(em, list).name;
            List<String> candidates = em.createQuery("SELECT DISTINCT s.personId FROM SubscriptionRecord s WHERE "
                    + "s.list = :l", String.class).setParameter("l", name).getResultList();
            List<PersonId> now = new ArrayList<>();
            for (String id : candidates) {
                PersonId person = PersonId.parse(id);
                if (subscribed(em, person, name)) {
                    now.add(person);
                }
            }
            return now;
        });
        store.audit(actor, "consent.subscribers", "list", ConsentStore.name("list", list), null,
                people.size() + " subscribers");
        return people;
    }

    @Override
    public String unsubscribe(String token) {
        Instant now = store.now();
        TokenRecord t;
        try {
            t = store.db().read(em -> Tokens.find(em, token, TokenRecord.UNSUBSCRIBE, now, "unsubscribe"));
        } catch (TokenRejectedException e) {
            store.audit(AuditEvent.builder(TokenRedemption.WEB_FORM, "consent.unsubscribe")
                    .target(ConsentStore.MODULE, "token").outcome(Outcome.DENIED)
                    .details("link refused: " + e.reason().name().toLowerCase(Locale.ROOT)).build());
            throw e;
        }
        PersonId person = PersonId.parse(t.personId);
        Actor self = DataSubjects.actor(person);
        boolean[] changed = new boolean[1];
        String name = store.db().write(em -> {
            ListRecord l = em.find(ListRecord.class, t.subject);
            if (l == null) {
                throw new TokenRejectedException(TokenRejectedException.Reason.UNKNOWN,
                        "This unsubscribe link is not valid.");
            }
            changed[0] = subscribed(em, person, l.name);
            em.find(TokenRecord.class, t.tokenHash).usedAt = now;
            return leave(em, person, l, Channel.PORTAL, "one-click", self);
        });
        store.audit(self, "consent.unsubscribe", "list", name, person,
                changed[0] ? "one-click unsubscribe" : "one-click unsubscribe repeated; already unsubscribed",
                "subscription");
        if (changed[0] && config.confirmUnsubscribe()) {
            confirmByMail(person, name);
        }
        return name;
    }

    private void confirmByMail(PersonId person, String list) {
        People directory = people;
        if (directory == null) {
            store.logger().info("The unsubscribe confirmation for list {} is not sent: the contacts module, which "
                    + "knows the address, is not installed", list);
            return;
        }
        try {
            Optional<People.Person> contact = directory.byPerson(person, TokenRedemption.WEB_FORM);
            if (contact.isPresent() && contact.get().email() != null) {
                RenderedMail content = templates.render(UNSUBSCRIBED_TEMPLATE,
                        TokenRedemption.language(contact.get().language()), Map.of("list", list));
                outbox.enqueue(OutgoingMail.to(contact.get().email(), person, OutgoingMail.SERVICE, content),
                        DataSubjects.actor(person));
            }
        } catch (RuntimeException e) {
            store.logger().warn("The unsubscribe confirmation for list {} could not be queued: {}", list,
                    e.getClass().getSimpleName());
        }
    }

    // ---------------------------------------------------------------------------------------------- sending

    @Override
    public String send(String list, PersonId person, RenderedMail content, Actor actor) {
        store.requireModule(actor, Operation.CREATE);
        if (content == null) {
            throw new ValidationException("content", "is required");
        }
        ListRecord l = store.db().read(em -> requireList(em, list));
        String id = sendOne(l, person, content, actor);
        store.audit(actor, "consent.list.send", "list", l.name, person, "list mail " + id);
        return id;
    }

    @Override
    public List<String> sendToAll(String list, RenderedMail content, Actor actor) {
        store.requireModule(actor, Operation.CREATE);
        if (content == null) {
            throw new ValidationException("content", "is required");
        }
        ListRecord l = store.db().read(em -> requireList(em, list));
        List<String> sent = new ArrayList<>();
        int skipped = 0;
        for (PersonId person : subscribers(l.name, actor)) {
            try {
                sent.add(sendOne(l, person, content, actor));
            } catch (ConflictException | NotFoundException | ValidationException e) {
                skipped++;
            }
        }
        store.audit(actor, "consent.list.send", "list", l.name, null, sent.size() + " queued, " + skipped
                + " skipped");
        return sent;
    }

    private String sendOne(ListRecord l, PersonId person, RenderedMail content, Actor actor) {
        String purpose = MailingList.mailPurpose(l.name);
        ContactDecision decision = permission.mayContact(person, purpose);
        if (!decision.allowed()) {
            throw new ConflictException("List mail to this person is not allowed: " + decision.reason());
        }
        People.Person contact = People.required(people, "list mail").byPerson(person, actor)
                .orElseThrow(() -> new NotFoundException("Contact of person", person));
        if (contact.email() == null || contact.email().isBlank()) {
            throw new ValidationException("email", "the contact has no e-mail address");
        }
        Instant expires = store.now().plus(Duration.ofDays(config.unsubscribeDays()));
        String token = store.db().write(em -> Tokens.issue(store, em, TokenRecord.UNSUBSCRIBE, person, l.name, null, expires,
                false, null));
        String link = links.unsubscribe(token);
        String header = "<" + link + ">";
        String mailbox = config.unsubscribeMailbox() == null ? "" : config.unsubscribeMailbox().strip();
        if (!mailbox.isEmpty()) {
            header += ", <mailto:" + mailbox + "?subject="
                    + URLEncoder.encode("unsubscribe " + token, StandardCharsets.UTF_8).replace("+", "%20") + ">";
        }
        String footer = "\n\n-- \nUnsubscribe: " + link + "\n";
        OutgoingMail mail = new OutgoingMail(contact.email(), Optional.of(person), purpose, content.subject(),
                content.textBody() + footer, content.htmlBody().map(html -> html + "<p><a href=\"" + link
                        + "\">Unsubscribe</a></p>"),
                Map.of(), content.template()).withHeader("List-Unsubscribe", header)
                .withHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        try {
            return outbox.enqueue(mail, actor).value();
        } catch (RuntimeException e) {
            store.db().run(em -> {
                TokenRecord t = em.find(TokenRecord.class, ConsentStore.sha256(token));
                if (t != null) {
                    em.remove(t);
                }
            });
            throw e;
        }
    }
}
