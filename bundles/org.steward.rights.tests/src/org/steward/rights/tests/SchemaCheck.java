package org.steward.rights.tests;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Validates a document against a JSON Schema (draft 2020-12). With the networknt validator in the runtime it is
 * used; the target platform lacks its mandatory import {@code com.fasterxml.jackson.dataformat.yaml}, so until that is
 * added this class reads the keywords the export schema uses itself: {@code $ref} to {@code $defs}, {@code type},
 * {@code const}, {@code enum}, {@code required}, {@code properties}, {@code additionalProperties}, {@code items},
 * {@code oneOf}, {@code minLength}. An unknown keyword fails the check, so the schema cannot outgrow it unnoticed.
 */
final class SchemaCheck {

    private static final List<String> KNOWN = List.of("$schema", "$id", "$ref", "$defs", "title", "description",
            "type", "const", "enum", "required", "properties", "additionalProperties", "items", "oneOf", "minLength",
            "format");

    private SchemaCheck() {
    }

    /** The problems found, empty when the document is valid; the first entry says which validator ran. */
    static List<String> validate(String schemaText, JsonNode document, JsonNode schema) {
        Optional<Bundle> networknt = networknt();
        if (networknt.isPresent()) {
            return withNetworknt(networknt.get(), schemaText, document);
        }
        List<String> problems = new ArrayList<>();
        check(schema, schema, document, "$", problems);
        return problems;
    }

    /** The validator bundle when it resolved (it needs jackson-dataformat-yaml); reached by reflection, unimported. */
    private static Optional<Bundle> networknt() {
        Bundle self = FrameworkUtil.getBundle(SchemaCheck.class);
        for (Bundle bundle : self.getBundleContext().getBundles()) {
            if ("com.networknt.json-schema-validator".equals(bundle.getSymbolicName())
                    && (bundle.getState() & (Bundle.RESOLVED | Bundle.ACTIVE | Bundle.STARTING)) != 0) {
                return Optional.of(bundle);
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static List<String> withNetworknt(Bundle bundle, String schemaText, JsonNode document) {
        try {
            Class<?> factoryClass = bundle.loadClass("com.networknt.schema.JsonSchemaFactory");
            Class<? extends Enum> flag = (Class<? extends Enum>) bundle
                    .loadClass("com.networknt.schema.SpecVersion$VersionFlag");
            Object factory = factoryClass.getMethod("getInstance", flag).invoke(null, Enum.valueOf(flag, "V202012"));
            Object schema = factoryClass.getMethod("getSchema", String.class).invoke(factory, schemaText);
            Set<?> messages = (Set<?>) schema.getClass().getMethod("validate", JsonNode.class).invoke(schema,
                    document);
            return messages.stream().map(Object::toString).toList();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("The networknt validator could not be used", e);
        }
    }

    private static void check(JsonNode root, JsonNode schema, JsonNode node, String path, List<String> problems) {
        for (Iterator<String> names = schema.fieldNames(); names.hasNext();) {
            String keyword = names.next();
            if (!KNOWN.contains(keyword)) {
                problems.add(path + ": the schema uses '" + keyword + "', which SchemaCheck does not know");
            }
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (!ref.startsWith("#/$defs/")) {
                problems.add(path + ": unsupported $ref " + ref);
                return;
            }
            check(root, root.get("$defs").get(ref.substring("#/$defs/".length())), node, path, problems);
        }
        if (schema.has("type") && !typeMatches(schema.get("type"), node)) {
            problems.add(path + ": is " + node.getNodeType() + ", expected " + schema.get("type"));
            return;
        }
        if (schema.has("const") && !schema.get("const").equals(node)) {
            problems.add(path + ": must be " + schema.get("const"));
        }
        if (schema.has("enum")) {
            boolean any = false;
            for (JsonNode option : schema.get("enum")) {
                any |= option.equals(node);
            }
            if (!any) {
                problems.add(path + ": is not one of " + schema.get("enum"));
            }
        }
        if (schema.has("minLength") && node.isTextual() && node.asText().length() < schema.get("minLength").asInt()) {
            problems.add(path + ": is too short");
        }
        if (schema.has("required")) {
            for (JsonNode name : schema.get("required")) {
                if (!node.has(name.asText())) {
                    problems.add(path + ": lacks " + name.asText());
                }
            }
        }
        if (node.isObject()) {
            JsonNode properties = schema.get("properties");
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                String at = path + "." + field.getKey();
                if (properties != null && properties.has(field.getKey())) {
                    check(root, properties.get(field.getKey()), field.getValue(), at, problems);
                } else if (schema.has("additionalProperties")) {
                    JsonNode additional = schema.get("additionalProperties");
                    if (additional.isBoolean() && !additional.asBoolean()) {
                        problems.add(at + ": is not allowed");
                    } else if (additional.isObject()) {
                        check(root, additional, field.getValue(), at, problems);
                    }
                }
            }
        }
        if (node.isArray() && schema.has("items")) {
            for (int i = 0; i < node.size(); i++) {
                check(root, schema.get("items"), node.get(i), path + "[" + i + "]", problems);
            }
        }
        if (schema.has("oneOf")) {
            int matching = 0;
            for (JsonNode option : schema.get("oneOf")) {
                List<String> sub = new ArrayList<>();
                check(root, option, node, path, sub);
                matching += sub.isEmpty() ? 1 : 0;
            }
            if (matching != 1) {
                problems.add(path + ": matches " + matching + " of the oneOf alternatives, not exactly one");
            }
        }
    }

    private static boolean typeMatches(JsonNode type, JsonNode node) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, node)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> node.isObject();
            case "array" -> node.isArray();
            case "string" -> node.isTextual();
            case "number" -> node.isNumber();
            case "integer" -> node.isIntegralNumber();
            case "boolean" -> node.isBoolean();
            case "null" -> node.isNull();
            default -> false;
        };
    }
}
