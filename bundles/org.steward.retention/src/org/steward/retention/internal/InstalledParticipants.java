package org.steward.retention.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.osgi.service.log.Logger;
import org.steward.core.spi.RetentionCategory;
import org.steward.core.spi.RetentionParticipant;

/**
 * The retention participants installed now, by module name, read from the whiteboard each time: a participant that
 * fails to answer is logged and left out rather than failing the whole purge or policy list.
 */
final class InstalledParticipants {

    private final Supplier<List<RetentionParticipant>> whiteboard;
    private final Logger logger;

    InstalledParticipants(Supplier<List<RetentionParticipant>> whiteboard, Logger logger) {
        this.whiteboard = whiteboard;
        this.logger = logger;
    }

    /** The installed participants by module name, sorted; a second participant for the same module is ignored. */
    Map<String, RetentionParticipant> byModule() {
        List<RetentionParticipant> current = whiteboard.get();
        Map<String, RetentionParticipant> byModule = new LinkedHashMap<>();
        if (current != null) {
            for (RetentionParticipant p : current) {
                try {
                    if (byModule.putIfAbsent(p.module(), p) != null) {
                        logger.warn("Two retention participants claim the module {}; the second is ignored",
                                p.module());
                    }
                } catch (RuntimeException e) {
                    logger.warn("A retention participant failed to name its module: {}", e.toString());
                }
            }
        }
        List<String> sorted = new ArrayList<>(byModule.keySet());
        sorted.sort(Comparator.naturalOrder());
        Map<String, RetentionParticipant> result = new LinkedHashMap<>();
        sorted.forEach(m -> result.put(m, byModule.get(m)));
        return result;
    }

    /** The participant's categories, empty (and logged) when it fails to list them. */
    List<RetentionCategory> categories(RetentionParticipant participant) {
        try {
            return participant.categories();
        } catch (RuntimeException e) {
            logger.warn("The retention participant {} failed to list its categories: {}", participant.module(),
                    e.toString());
            return List.of();
        }
    }
}
