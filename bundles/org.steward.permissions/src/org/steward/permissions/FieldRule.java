package org.steward.permissions;

import java.util.Objects;

/**
 * An explicit field permission of a profile. An explicit rule on a sensitive or special-category field is what grants
 * it to a non-privileged profile; a rule on field {@value Names#ALL} covers every non-sensitive field of the type
 * without a rule of its own, and can only narrow sensitive fields.
 */
public record FieldRule(String module, String type, String field, FieldAccess access) {

    public FieldRule {
        module = Names.module("module", module);
        type = Names.type("type", type);
        field = Names.field("field", field);
        Objects.requireNonNull(access, "access");
    }
}
