package org.steward.core.spi;

import java.util.Objects;

import org.steward.core.DataClassification;

/**
 * One field a module holds.
 *
 * @param name the field name as used in exports and rectification
 * @param classification how much protection the field needs
 * @param description what the field is, in words for the privacy officer and the data subject
 */
public record FieldDescription(String name, DataClassification classification, String description) {

    public FieldDescription {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(classification, "classification");
        description = description == null ? "" : description;
    }
}
