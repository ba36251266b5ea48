package org.steward.core.spi;

import java.util.List;
import java.util.Objects;

/**
 * A category of personal data a module holds, as the register of processing activities (Art. 30) and an access
 * request (Art. 15(1)) describe it.
 *
 * @param name the category ({@code contact details}, {@code support conversations}, ...)
 * @param fields the fields in this category
 * @param purposes why the data is processed
 * @param lawfulBases the Art. 6(1) bases the module relies on, in words
 * @param recipients who receives the data (processors, other controllers); empty when nobody does
 * @param retention how long the data is kept, in words
 * @param dataSubjects whose data this is, as the Art. 30(1)(c) register names them ({@code customers},
 *            {@code prospects}, {@code staff}, ...); since 1.2
 */
public record DataCategory(String name, List<FieldDescription> fields, List<String> purposes, List<String> lawfulBases,
        List<String> recipients, String retention, List<String> dataSubjects) {

    /** A category whose data subjects are not stated (providers written before 1.2). */
    public DataCategory(String name, List<FieldDescription> fields, List<String> purposes, List<String> lawfulBases,
            List<String> recipients, String retention) {
        this(name, fields, purposes, lawfulBases, recipients, retention, List.of());
    }

    public DataCategory {
        Objects.requireNonNull(name, "name");
        fields = List.copyOf(fields);
        purposes = List.copyOf(purposes);
        lawfulBases = List.copyOf(lawfulBases);
        recipients = List.copyOf(recipients);
        retention = retention == null ? "" : retention;
        dataSubjects = dataSubjects == null ? List.of() : List.copyOf(dataSubjects);
    }
}
