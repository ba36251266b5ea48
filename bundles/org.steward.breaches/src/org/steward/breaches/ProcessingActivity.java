package org.steward.breaches;

import java.util.List;
import java.util.Objects;

/**
 * One line of the register of processing activities (Art. 30(1)): one category of personal data of one module.
 *
 * @param module the module holding the data
 * @param category the category of data
 * @param purposes the purposes of the processing (Art. 30(1)(b))
 * @param dataSubjects the categories of data subjects (Art. 30(1)(c))
 * @param personalData the categories of personal data: the fields, with their classification (Art. 30(1)(c))
 * @param recipients the recipients (Art. 30(1)(d)); empty when nobody receives the data
 * @param retention the time limits for erasure (Art. 30(1)(f))
 * @param lawfulBases the lawful bases relied on (Art. 6(1))
 */
public record ProcessingActivity(String module, String category, List<String> purposes, List<String> dataSubjects,
        List<String> personalData, List<String> recipients, String retention, List<String> lawfulBases) {

    public ProcessingActivity {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(category, "category");
        purposes = List.copyOf(purposes);
        dataSubjects = List.copyOf(dataSubjects);
        personalData = List.copyOf(personalData);
        recipients = List.copyOf(recipients);
        retention = retention == null ? "" : retention;
        lawfulBases = List.copyOf(lawfulBases);
    }
}
