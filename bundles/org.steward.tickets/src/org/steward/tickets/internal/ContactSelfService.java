package org.steward.tickets.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.audit.Outcome;
import org.steward.contacts.Contact;
import org.steward.core.Actor;
import org.steward.core.NotFoundException;
import org.steward.core.PersonId;
import org.steward.core.StewardException;
import org.steward.core.ValidationException;
import org.steward.core.Violation;
import org.steward.persistence.Transactions;
import org.steward.tickets.CustomerActor;
import org.steward.tickets.CustomerContactDetails;
import org.steward.tickets.Tickets;

/**
 * The customer changes their own contact details through the helpdesk. A component of its own with a mandatory
 * reference to the contacts bridge ({@link RequesterContacts}): it exists only while the contacts module runs, so the
 * rest of the tickets module never loads a class that names a contacts type.
 */
@Component(service = CustomerContactDetails.class)
public final class ContactSelfService implements CustomerContactDetails {

    static final String ACTION = "tickets.contact.self-service";

    /** Contact fields a customer may change themself; the e-mail address is not among them. */
    static final Set<String> SELF_SERVICE_FIELDS = Set.of("firstName", "lastName", "phone", "mobile", "language",
            "address.street", "address.postalCode", "address.city", "address.region", "address.country");

    /** The contacts module's name in the audit log (a constant: no class of that module is loaded for it). */
    private static final String CONTACTS_MODULE = "contacts";

    private final TicketRefusals refusals;
    private final Transactions transactions;
    private final AuditLog audit;
    private final Logger logger;
    private final RequesterContacts contacts;

    @Activate
    public ContactSelfService(@Reference(service = LoggerFactory.class) Logger logger, @Reference TicketStore store,
            @Reference AuditLog audit, @Reference RequesterContacts contacts) {
        this.refusals = new TicketRefusals(audit);
        this.transactions = store.transactions();
        this.audit = audit;
        this.logger = logger;
        this.contacts = contacts;
    }

    @Override
    public Contact updateOwnContact(PersonId person, Map<String, String> changes, Actor actor) {
        TicketInput.actor(actor);
        if (person == null) {
            throw new ValidationException("personId", "is required");
        }
        Optional<PersonId> customer = CustomerActor.personOf(actor);
        if (customer.isEmpty() || !customer.get().equals(person)) {
            throw refusals.deny(actor, ACTION, null, person, "only the customer themself changes their details here");
        }
        if (changes == null || changes.isEmpty()) {
            throw new ValidationException("changes", "are required");
        }
        List<Violation> violations = violations(changes);
        if (!violations.isEmpty()) {
            auditRefusedFields(actor, person, violations);
            throw new ValidationException(violations);
        }
        if (transactions.read(em -> TicketStore.restricted(em, person.toString()))) {
            throw refusals.restricted(actor, ACTION, null, person);
        }
        RequesterContacts directory = contacts;
        Actor delegated = OnBehalf.of(actor);
        RequesterContacts.Ref contact = directory.contactOf(person, delegated)
                .orElseThrow(() -> new NotFoundException("Contact of person", person));
        if (contact.restricted()) {
            throw refusals.restricted(actor, ACTION, null, person);
        }
        Contact updated = directory.update(contact.contactId(), changes, delegated);
        audit.append(AuditEvent.builder(actor, ACTION).target(CONTACTS_MODULE, "contact", contact.contactId())
                .person(person).fields(List.copyOf(changes.keySet()))
                .details("changed by the customer through the helpdesk").build());
        return updated;
    }

    private static List<Violation> violations(Map<String, String> changes) {
        List<Violation> violations = new ArrayList<>();
        for (String field : changes.keySet()) {
            String name = field == null ? "" : field.strip();
            if (name.equalsIgnoreCase("email") || name.toLowerCase(Locale.ROOT).startsWith("email")) {
                violations.add(new Violation("email", "cannot be changed by the customer: the e-mail address "
                        + "identifies them; the helpdesk changes it after checking who asks"));
            } else if (!SELF_SERVICE_FIELDS.contains(name)) {
                violations.add(new Violation(name.isEmpty() ? "field" : name,
                        "is not a contact detail customers change themselves"));
            }
        }
        violations.sort(Comparator.comparing(v -> v.field().equals("email") ? 0 : 1));
        return violations;
    }

    private void auditRefusedFields(Actor actor, PersonId person, List<Violation> violations) {
        try {
            audit.append(AuditEvent.builder(actor, ACTION).target(Tickets.MODULE, "contact").person(person)
                    .outcome(Outcome.DENIED).fields(violations.stream().map(Violation::field)
                            .filter(f -> f.matches("[\\p{L}\\p{N}_.\\-:/\\[\\]]{1,64}")).distinct().toList())
                    .details("refused: " + violations.size() + " field(s) not changeable by the customer").build());
        } catch (StewardException e) {
            logger.error("A refusal could not be written to the audit log: {}", e.getMessage());
        }
    }
}
