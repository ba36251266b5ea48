package org.steward.rights.tests;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Validates a document against the export's JSON Schema (draft 2020-12) with the networknt validator, a complete
 * implementation of the draft, so that the test does not depend on its own reading of the keywords.
 */
final class SchemaCheck {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private SchemaCheck() {
    }

    /** The validator's messages (path and reason), empty when the document is valid. */
    static List<String> validate(String schemaText, JsonNode document) {
        JsonSchema schema = FACTORY.getSchema(schemaText);
        return schema.validate(document).stream().map(ValidationMessage::toString).sorted().toList();
    }
}
