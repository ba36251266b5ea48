package org.steward.consent.internal;

import java.time.Clock;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.steward.consent.ConsentProof;
import org.steward.consent.ConsentPurpose;
import org.steward.consent.ConsentRecord;
import org.steward.consent.ConsentRequests;
import org.steward.consent.Consents;
import org.steward.consent.ContactDecision;
import org.steward.consent.ContactPermission;
import org.steward.consent.DoubleOptIn;
import org.steward.consent.Purposes;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.NotFoundException;
import org.steward.core.PersonId;
import org.steward.core.UnavailableException;

/**
 * Console commands of the consent module, in the {@code consent} scope. They act as the operating-system user that
 * runs the server; the services check and audit them. People are named by e-mail address on the command line, which
 * is never echoed back nor logged. Finding a person by address needs the contacts module; without it those commands
 * say so and {@code purposes} and {@code purge} still work.
 */
@Component(service = ConsentCommands.class, property = { "osgi.command.scope=consent",
        "osgi.command.function=purposes", "osgi.command.function=grant", "osgi.command.function=withdraw",
        "osgi.command.function=check", "osgi.command.function=request", "osgi.command.function=purge" })
public final class ConsentCommands {

    private static final String NL = System.lineSeparator();

    private final Consents consents;
    private final Purposes purposes;
    private final ContactPermission permission;

    /** Registered only while the mail module runs (they mail links): the commands stay without them. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ConsentRequests requests;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DoubleOptIn doubleOptIn;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile People people;

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Clock clock;

    @Activate
    public ConsentCommands(@Reference Consents consents, @Reference Purposes purposes,
            @Reference ContactPermission permission) {
        this.consents = consents;
        this.purposes = purposes;
        this.permission = permission;
    }

    private static <T> T mailing(T service) {
        if (service == null) {
            throw new UnavailableException("The mail module is not running: consent links are mailed.");
        }
        return service;
    }

    static Actor console() {
        return Actor.console(System.getProperty("user.name"));
    }

    private PersonId person(String email, Actor actor) {
        return People.required(people, "finding a person by e-mail address").byEmail(email, actor)
                .orElseThrow(() -> new NotFoundException("Contact with that e-mail address", "(not shown)")).person();
    }

    private ConsentPurpose purpose(String name) {
        return purposes.get(name).orElseThrow(() -> new NotFoundException("Purpose", ConsentStore.limit(name, 64)));
    }

    @Descriptor("Lists the purposes, whether they need consent, and the current version of their consent text")
    public String purposes() {
        return purposes.list().stream().map(p -> String.format("%-24s %-20s text v%d%s  %s", p.name(),
                p.needsConsent() ? "needs consent" : "no consent needed", p.currentVersion(),
                p.builtIn() ? "" : " (custom)", p.description())).collect(Collectors.joining(NL));
    }

    @Descriptor("Records a consent given to staff (e.g. on paper or by phone), with the current text version as shown")
    public String grant(@Descriptor("the contact's e-mail address") String email,
            @Descriptor("the purpose, e.g. newsletter") String purpose) {
        Actor actor = console();
        ConsentPurpose p = purpose(purpose);
        ConsentRecord r = consents.grant(person(email, actor), p.name(),
                new ConsentProof(clock.instant(), Channel.CONSOLE, "console", p.currentVersion(), Optional.empty(),
                        Optional.empty()), actor);
        return "Consent to " + r.purpose() + " recorded for person " + r.person() + " (text version "
                + p.currentVersion() + ", record " + r.id() + ")";
    }

    @Descriptor("Records a withdrawal of consent; queued mail for the purpose is no longer delivered")
    public String withdraw(@Descriptor("the contact's e-mail address") String email,
            @Descriptor("the purpose, e.g. newsletter") String purpose) {
        Actor actor = console();
        ConsentPurpose p = purpose(purpose);
        ConsentRecord r = consents.withdraw(person(email, actor), p.name(),
                new ConsentProof(clock.instant(), Channel.CONSOLE, "console", 0, Optional.empty(), Optional.empty()),
                actor);
        return "Consent to " + r.purpose() + " withdrawn for person " + r.person() + " (record " + r.id() + ")";
    }

    @Descriptor("Says whether the contact may be contacted for the purpose now, and why")
    public String check(@Descriptor("the contact's e-mail address") String email,
            @Descriptor("the purpose, e.g. newsletter") String purpose) {
        Actor actor = console();
        PersonId person = person(email, actor);
        ConsentPurpose p = purpose(purpose);
        Optional<ConsentRecord> current = consents.current(person, p.name(), actor);
        ContactDecision decision = permission.mayContact(person, p.name());
        return (decision.allowed() ? "ALLOWED: " : "REFUSED: ") + decision.reason() + " (person " + person
                + current.map(r -> ", current state " + r.state() + " since " + r.proof().at()).orElse("") + ")";
    }

    @Descriptor("Mails the contact a personal link to give consent to the purpose")
    public String request(@Descriptor("the contact's e-mail address") String email,
            @Descriptor("the purpose, e.g. newsletter") String purpose) {
        Actor actor = console();
        PersonId person = person(email, actor);
        String mail = mailing(requests).request(person, purpose(purpose).name(), actor);
        return "Consent request for " + purpose(purpose).name() + " queued for person " + person + " (mail " + mail
                + ")";
    }

    @Descriptor("Deletes unconfirmed double opt-in submissions older than the configured days now")
    public String purge() {
        return mailing(doubleOptIn).purgeUnconfirmed() + " unconfirmed submissions purged";
    }
}
