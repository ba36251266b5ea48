package org.steward.contacts;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.steward.core.Actor;
import org.steward.core.DataClassification;

/**
 * Every field of a contact with its classification: the built-in ones and the custom fields administrators define.
 * Defining or re-classifying a custom field needs {@code ADMINISTER} in module {@code contacts} and is audited; a
 * re-classification re-encrypts or decrypts the stored values of the field in one transaction.
 */
@ProviderType
public interface FieldCatalogue {

    /** Built-in fields first, then custom fields by name. */
    List<FieldDefinition> fields();

    Optional<FieldDefinition> field(String name);

    /** Field name to classification, as the permissions service takes it. */
    Map<String, DataClassification> classifications();

    /**
     * Defines a custom field. The name gets the prefix {@value FieldDefinition#CUSTOM_PREFIX} when it lacks it; it is
     * letters, digits and '_' only.
     *
     * @throws org.steward.core.ConflictException when a field of that name exists
     */
    FieldDefinition define(String name, String label, DataClassification classification, int maxLength, Actor actor);

    /**
     * Changes the classification of a custom field.
     *
     * @throws org.steward.core.ValidationException when the field is built in
     */
    FieldDefinition classify(String name, DataClassification classification, Actor actor);
}
