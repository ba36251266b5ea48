package org.steward.tickets.internal;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.steward.tickets.TicketPriority;

/** The due times per priority, from the configuration's 'priority=first/resolution' entries. */
final class ServiceLevels {

    record Level(Duration firstResponse, Duration resolution) {
    }

    private static final Pattern ENTRY = Pattern.compile("\\s*([a-zA-Z]+)\\s*=\\s*([^/\\s]+)\\s*/\\s*([^/\\s]+)\\s*");
    private static final Pattern AMOUNT = Pattern.compile("(\\d{1,6})([mhdw])");

    private static final Map<TicketPriority, Level> DEFAULTS = Map.of(
            TicketPriority.URGENT, new Level(Duration.ofHours(1), Duration.ofHours(4)),
            TicketPriority.HIGH, new Level(Duration.ofHours(4), Duration.ofDays(1)),
            TicketPriority.NORMAL, new Level(Duration.ofHours(8), Duration.ofDays(3)),
            TicketPriority.LOW, new Level(Duration.ofDays(1), Duration.ofDays(7)));

    private final Map<TicketPriority, Level> levels;

    private ServiceLevels(Map<TicketPriority, Level> levels) {
        this.levels = levels;
    }

    /** Parses the entries; a malformed one is reported (position and reason, the entry is not personal) and skipped. */
    static ServiceLevels parse(String[] entries, Consumer<String> problems) {
        Map<TicketPriority, Level> levels = new EnumMap<>(DEFAULTS);
        List<String> list = entries == null ? List.of() : List.of(entries);
        for (int i = 0; i < list.size(); i++) {
            String entry = list.get(i);
            Matcher m = entry == null ? null : ENTRY.matcher(entry);
            if (m == null || !m.matches()) {
                problems.accept("serviceLevels[" + i + "] is not 'priority=first/resolution'; the default is kept");
                continue;
            }
            try {
                TicketPriority priority = TicketPriority.valueOf(m.group(1).toUpperCase(Locale.ROOT));
                Duration first = duration(m.group(2));
                Duration resolution = duration(m.group(3));
                if (resolution.compareTo(first) < 0) {
                    problems.accept("serviceLevels[" + i + "]: the resolution time is shorter than the first-response "
                            + "time; the default is kept");
                    continue;
                }
                levels.put(priority, new Level(first, resolution));
            } catch (IllegalArgumentException e) {
                problems.accept("serviceLevels[" + i + "]: " + e.getMessage() + "; the default is kept");
            }
        }
        return new ServiceLevels(levels);
    }

    static Duration duration(String text) {
        Matcher m = AMOUNT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a positive time such as 30m, 4h, 3d or 1w");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofDays(7 * amount);
        };
    }

    Level of(TicketPriority priority) {
        return levels.get(priority);
    }
}
