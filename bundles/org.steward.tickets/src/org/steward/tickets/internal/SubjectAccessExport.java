package org.steward.tickets.internal;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.osgi.service.log.Logger;
import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.core.StewardException;
import org.steward.core.spi.ExportedRecord;
import org.steward.core.spi.PersonalDataExport;
import org.steward.persistence.Transactions;
import org.steward.tickets.MessageKind;
import org.steward.tickets.Tickets;

/**
 * A person's tickets for their subject-access request (Art. 15), with other people's data removed from the texts
 * (Art. 15(4)): the person's own values come from their contact, the agents' names from the identity module, the
 * names of other contacts from the contacts module. Without contacts nothing of the person's own is known, so every
 * e-mail address and phone number is removed.
 */
final class SubjectAccessExport {

    static final String CATEGORY = "support conversations";

    private final Transactions transactions;
    private final TicketViews views;
    private final Sealing sealing;
    private final Logger logger;
    private final Supplier<RequesterContacts> contacts;
    private final Supplier<AgentNames> agents;

    SubjectAccessExport(Transactions transactions, TicketViews views, Sealing sealing, Logger logger,
            Supplier<RequesterContacts> contacts, Supplier<AgentNames> agents) {
        this.transactions = transactions;
        this.views = views;
        this.sealing = sealing;
        this.logger = logger;
        this.contacts = contacts;
        this.agents = agents;
    }

    PersonalDataExport of(PersonId person, Actor actor) {
        Redaction redaction = redactionFor(person, actor);
        return transactions.read(em -> {
            List<ExportedRecord> records = new ArrayList<>();
            List<TicketRecord> tickets = TicketStore.ofPerson(em, person.toString());
            Map<String, List<MessageRecord>> messages = TicketStore.messages(em,
                    tickets.stream().map(t -> t.id).toList(), true);
            // names of the agents who took part, so that they can be removed from the texts
            List<String> agentNames = new ArrayList<>();
            for (TicketRecord t : tickets) {
                for (MessageRecord m : messages.getOrDefault(t.id, List.of())) {
                    displayName(m.author).ifPresent(agentNames::add);
                }
                displayName(t.assignee).ifPresent(agentNames::add);
            }
            redaction.addNames(agentNames);
            List<String> texts = new ArrayList<>();
            for (TicketRecord t : tickets) {
                views.subject(t).ifPresent(texts::add);
                for (MessageRecord m : messages.getOrDefault(t.id, List.of())) {
                    texts.add(views.body(m));
                }
            }
            redaction.addNames(otherContactNames(texts, redaction, person, actor));
            for (TicketRecord t : tickets) {
                records.add(ticket(t, redaction));
                Map<String, List<AttachmentRecord>> files = new HashMap<>();
                for (AttachmentRecord a : TicketStore.attachments(em, t.id)) {
                    files.computeIfAbsent(a.messageId, k -> new ArrayList<>()).add(a);
                }
                for (MessageRecord m : messages.getOrDefault(t.id, List.of())) {
                    records.add(message(t, m, files.getOrDefault(m.id, List.of()), redaction));
                }
            }
            return new PersonalDataExport(Tickets.MODULE, records);
        });
    }

    private ExportedRecord ticket(TicketRecord t, Redaction redaction) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("subject", views.subject(t).map(redaction::apply).orElse(""));
        fields.put("status", t.status.toLowerCase(Locale.ROOT));
        fields.put("priority", t.priority.toLowerCase(Locale.ROOT));
        fields.put("channel", t.channel.toLowerCase(Locale.ROOT));
        fields.put("createdAt", t.createdAt.toString());
        fields.put("firstResponseAt", t.firstResponseAt == null ? "" : t.firstResponseAt.toString());
        fields.put("resolvedAt", t.resolvedAt == null ? "" : t.resolvedAt.toString());
        fields.put("closedAt", t.closedAt == null ? "" : t.closedAt.toString());
        fields.put("deleted", t.deletedAt != null);
        return new ExportedRecord(CATEGORY, "ticket", t.id, fields, t.channel.toLowerCase(Locale.ROOT));
    }

    private ExportedRecord message(TicketRecord t, MessageRecord m, List<AttachmentRecord> attached,
            Redaction redaction) {
        Map<String, Object> mf = new LinkedHashMap<>();
        mf.put("ticketId", t.id);
        mf.put("kind", m.kind.toLowerCase(Locale.ROOT).replace('_', ' '));
        mf.put("from", MessageKind.CUSTOMER.name().equals(m.kind) ? "you" : "helpdesk agent");
        mf.put("createdAt", m.createdAt.toString());
        mf.put("text", redaction.apply(views.body(m)));
        for (int i = 0; i < attached.size(); i++) {
            AttachmentRecord a = attached.get(i);
            mf.put("attachments[" + i + "].name",
                    redaction.apply(sealing.open(a.personId, a.id, Sealing.ATTACHMENT_NAME, a.name)));
            mf.put("attachments[" + i + "].contentType", a.contentType);
            mf.put("attachments[" + i + "].size", a.size);
            mf.put("attachments[" + i + "].base64", Base64.getEncoder()
                    .encodeToString(sealing.openBytes(a.personId, a.id, Sealing.ATTACHMENT_CONTENT, a.content)));
        }
        return new ExportedRecord(CATEGORY, "message", m.id, mf, "");
    }

    private Optional<String> displayName(String userId) {
        AgentNames names = agents.get();
        return userId == null || names == null ? Optional.empty() : names.displayName(userId);
    }

    /** The subject's own e-mail, phones and names from their contact; nothing of theirs is known without contacts. */
    private Redaction redactionFor(PersonId person, Actor actor) {
        RequesterContacts directory = contacts.get();
        Optional<RequesterContacts.Own> own = Optional.empty();
        if (directory != null) {
            try {
                own = directory.own(person, OnBehalf.of(actor));
            } catch (StewardException e) {
                logger.warn("The contact of a person could not be read for an export; every e-mail address and phone "
                        + "number in the tickets is removed: {}", e.getMessage());
            }
        }
        return own.map(o -> new Redaction(o.emails(), o.phones(), o.names(), List.of()))
                .orElseGet(() -> new Redaction(List.of(), List.of(), List.of(), List.of()));
    }

    /** Capitalised word pairs in the texts that are the full name of another contact. */
    private List<String> otherContactNames(List<String> texts, Redaction redaction, PersonId person, Actor actor) {
        RequesterContacts directory = contacts.get();
        if (directory == null) {
            return List.of();
        }
        Set<String> candidates = new LinkedHashSet<>();
        texts.forEach(t -> candidates.addAll(redaction.nameCandidates(t)));
        return directory.otherPeoplesNames(candidates, person, OnBehalf.of(actor));
    }
}
