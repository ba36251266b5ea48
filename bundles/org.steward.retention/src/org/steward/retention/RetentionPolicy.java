package org.steward.retention;

import java.util.Objects;
import java.util.OptionalInt;

import org.steward.core.spi.RetentionCategory;

/**
 * The retention of one category of records of one module.
 *
 * @param module the participant's module name
 * @param category the category name
 * @param description the category in words
 * @param action what happens to a due record
 * @param defaultMonths the module's default
 * @param configuredMonths the administrator's override, empty when the default applies
 */
public record RetentionPolicy(String module, String category, String description, RetentionCategory.Action action,
        int defaultMonths, OptionalInt configuredMonths) {

    public RetentionPolicy {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(action, "action");
        description = description == null ? "" : description;
        configuredMonths = configuredMonths == null ? OptionalInt.empty() : configuredMonths;
    }

    /** The months that apply: the override, else the default; 0 means kept until deleted. */
    public int effectiveMonths() {
        return configuredMonths.orElse(defaultMonths);
    }
}
