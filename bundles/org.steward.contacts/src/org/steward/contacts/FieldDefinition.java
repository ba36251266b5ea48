package org.steward.contacts;

import java.util.Objects;

import org.steward.core.DataClassification;

/**
 * One field of a contact, built in or defined by an administrator.
 *
 * @param name the field name used in updates, mappings, permissions and audit ({@code email}, {@code address.city},
 *            {@code custom.shoeSize})
 * @param label the label shown to users
 * @param classification how much protection the field needs; sensitive and special-category values are hidden by
 *            default and need a recent re-authentication to read or export
 * @param builtIn whether Steward defines the field (its classification cannot be changed)
 * @param maxLength the longest value accepted, in characters
 */
public record FieldDefinition(String name, String label, DataClassification classification, boolean builtIn,
        int maxLength) {

    /** Custom field names start with this prefix, so they never collide with a built-in field added later. */
    public static final String CUSTOM_PREFIX = "custom.";

    public FieldDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(classification, "classification");
        label = label == null || label.isBlank() ? name : label;
    }
}
