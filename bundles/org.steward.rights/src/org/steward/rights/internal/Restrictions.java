package org.steward.rights.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.log.Logger;
import org.steward.audit.Outcome;
import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;
import org.steward.core.spi.PersonalDataProvider;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Operation;
import org.steward.rights.RequestRegister;

/** The restriction of processing (Art. 18), set and lifted in every installed module at once. */
final class Restrictions {

    private final AccessDecisions access;
    private final RightsAudit audit;
    private final Providers providers;
    private final Logger logger;

    Restrictions(AccessDecisions access, RightsAudit audit, Providers providers, Logger logger) {
        this.access = access;
        this.audit = audit;
        this.providers = providers;
        this.logger = logger;
    }

    List<String> restrict(PersonId person, boolean restricted, Actor actor) {
        access.require(actor, Operation.EDIT, RequestRegister.MODULE, Optional.empty());
        if (person == null) {
            throw new ValidationException("person", "is required");
        }
        List<String> failed = new ArrayList<>();
        for (Map.Entry<String, PersonalDataProvider> entry : providers.all()) {
            try {
                entry.getValue().restrict(person, restricted, actor);
            } catch (RuntimeException e) {
                failed.add(entry.getKey() + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        List<String> now = restrictedModules(person);
        audit.append(audit.event(actor, restricted ? "rights.restrict" : "rights.unrestrict", "person",
                person.toString(), person).outcome(failed.isEmpty() ? Outcome.SUCCESS : Outcome.FAILED)
                .details("restricted in " + now + (failed.isEmpty() ? "" : "; failed in " + failed)));
        if (!failed.isEmpty()) {
            throw new UnavailableException("The restriction could not be " + (restricted ? "set" : "lifted")
                    + " in " + String.join(", ", failed) + "; run it again");
        }
        return now;
    }

    List<String> restrictedIn(PersonId person, Actor actor) {
        access.require(actor, Operation.READ, RequestRegister.MODULE, Optional.empty());
        return restrictedModules(person);
    }

    private List<String> restrictedModules(PersonId person) {
        List<String> modules = new ArrayList<>();
        for (Map.Entry<String, PersonalDataProvider> entry : providers.all()) {
            try {
                if (entry.getValue().isRestricted(person)) {
                    modules.add(entry.getKey());
                }
            } catch (RuntimeException e) {
                logger.warn("The module {} could not tell whether a person is restricted ({})", entry.getKey(),
                        e.getClass().getSimpleName());
            }
        }
        return modules;
    }
}
