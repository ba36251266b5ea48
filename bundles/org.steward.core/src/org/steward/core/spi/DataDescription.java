package org.steward.core.spi;

import java.util.List;
import java.util.Objects;

/**
 * Everything a module declares about the personal data it holds.
 *
 * @param module the module name
 * @param categories the categories of data
 */
public record DataDescription(String module, List<DataCategory> categories) {

    public DataDescription {
        Objects.requireNonNull(module, "module");
        categories = List.copyOf(categories);
    }
}
