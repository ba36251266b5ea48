package org.steward.rights.internal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.steward.core.Actor;
import org.steward.core.PersonId;
import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;
import org.steward.core.spi.ExportedRecord;
import org.steward.core.spi.PersonalDataProvider;
import org.steward.encryption.BlindIndex;

/**
 * What the erasure blocklist keeps of an erased person: the blind indexes of every e-mail address and phone number any
 * module holds about them, and of the addresses their requests came with. Collected before anything is erased, since
 * afterwards nothing is left to compute them from.
 */
final class BlockedIdentifiers {

    private final Providers providers;
    private final RequestBook requests;
    private final BlindIndex blindIndex;

    BlockedIdentifiers(Providers providers, RequestBook requests, BlindIndex blindIndex) {
        this.providers = providers;
        this.requests = requests;
        this.blindIndex = blindIndex;
    }

    Set<String> of(PersonId person, Actor actor) {
        Set<String> indexes = new LinkedHashSet<>(requests.emailIndexesOf(person));
        for (Map.Entry<String, PersonalDataProvider> entry : providers.all()) {
            List<ExportedRecord> records;
            try {
                records = entry.getValue().export(person, actor).records();
            } catch (RuntimeException e) {
                throw new UnavailableException("The module " + entry.getKey() + " could not list the person's "
                        + "identifiers (" + e.getClass().getSimpleName() + "); nothing was erased", e);
            }
            for (ExportedRecord record : records) {
                Values.flatten(record.fields()).forEach((field, value) -> identifier(indexes, field, value));
            }
        }
        return indexes;
    }

    private void identifier(Set<String> indexes, String field, Object value) {
        if (value instanceof Collection<?> values) {
            values.forEach(v -> identifier(indexes, field, v));
            return;
        }
        if (!(value instanceof String text) || text.isBlank()) {
            return;
        }
        String name = field.toLowerCase(Locale.ROOT);
        try {
            if (name.contains("email") || name.contains("e-mail")) {
                indexes.add(blindIndex.email(text));
            } else if (name.contains("phone") || name.contains("mobile")) {
                indexes.add(blindIndex.phone(text));
            }
        } catch (ValidationException notAnIdentifier) {
            // a field named like one that holds something else: nothing to block
        }
    }
}
