package org.steward.contacts.internal;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** Tags are short labels, stored lower-case and comma-separated; they are not personal values. */
final class Tags {

    private Tags() {
    }

    static Set<String> parse(String text) {
        Set<String> tags = new LinkedHashSet<>();
        if (text == null) {
            return tags;
        }
        Arrays.stream(text.split("[,;]")).map(t -> t.strip().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty())
                .forEach(tags::add);
        return tags;
    }

    static String join(Set<String> tags) {
        return tags == null || tags.isEmpty() ? null : String.join(",", tags);
    }
}
