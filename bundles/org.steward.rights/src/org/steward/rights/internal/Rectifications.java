package org.steward.rights.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;
import org.steward.core.Violation;
import org.steward.core.spi.PersonalDataProvider;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Operation;
import org.steward.rights.RequestRegister;

/** Rectification (Art. 16): each correction goes to the installed modules that declare the field. */
final class Rectifications {

    private final AccessDecisions access;
    private final RightsAudit audit;
    private final Providers providers;

    Rectifications(AccessDecisions access, RightsAudit audit, Providers providers) {
        this.access = access;
        this.audit = audit;
        this.providers = providers;
    }

    Map<String, Integer> rectify(PersonId person, Map<String, String> corrections, Actor actor) {
        access.require(actor, Operation.EDIT, RequestRegister.MODULE, Optional.empty());
        if (person == null) {
            throw new ValidationException("person", "is required");
        }
        if (corrections == null || corrections.isEmpty()) {
            throw new ValidationException("corrections", "name at least one field");
        }
        Map<String, Map<String, String>> perModule = new LinkedHashMap<>();
        Set<String> held = new HashSet<>();
        for (Map.Entry<String, PersonalDataProvider> entry : providers.all()) {
            Set<String> fields = new HashSet<>();
            entry.getValue().describe().categories()
                    .forEach(c -> c.fields().forEach(f -> fields.add(f.name())));
            Map<String, String> mine = new LinkedHashMap<>();
            corrections.forEach((field, value) -> {
                if (fields.contains(field)) {
                    mine.put(field, value);
                }
            });
            if (!mine.isEmpty()) {
                perModule.put(entry.getKey(), mine);
                held.addAll(mine.keySet());
            }
        }
        List<Violation> unknown = corrections.keySet().stream().filter(f -> !held.contains(f))
                .map(f -> new Violation(f, "no installed module holds this field")).toList();
        if (!unknown.isEmpty()) {
            throw new ValidationException(unknown);
        }
        Map<String, Integer> changed = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> entry : perModule.entrySet()) {
            PersonalDataProvider provider = providers.get(entry.getKey())
                    .orElseThrow(() -> new UnavailableException("The module " + entry.getKey() + " went away"));
            changed.put(entry.getKey(), provider.rectify(person, entry.getValue(), actor));
        }
        audit.append(audit.event(actor, "rights.rectify", "person", person.toString(), person)
                .fields(new ArrayList<>(corrections.keySet())).details("records changed " + changed));
        return changed;
    }
}
