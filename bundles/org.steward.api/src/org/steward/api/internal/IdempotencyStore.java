package org.steward.api.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The answers kept for {@link IdempotentPosts}, in memory: bounded in count and age, lost on restart and not shared
 * between servers (a retry after either makes a second record; docs/API.md says so).
 */
final class IdempotencyStore {

    enum State { NEW, RUNNING, DONE, OTHER_BODY }

    record Answer(int status, Object entity, MediaType type, String location, String etag) {
        Response replay() {
            Response.ResponseBuilder b = Response.status(status).entity(entity).type(type);
            if (location != null) {
                b.header(HttpHeaders.LOCATION, location);
            }
            if (etag != null) {
                b.header(HttpHeaders.ETAG, etag);
            }
            return IdempotentPosts.replayed(b).build();
        }
    }

    record Claim(State state, Answer answer) {
    }

    private record Entry(byte[] bodyHash, long at, Answer answer) {
    }

    private final Clock clock;
    private final long keepMillis;
    private final int maxEntries;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    IdempotencyStore(Clock clock, int hours, int maxEntries) {
        this.clock = clock;
        this.keepMillis = Duration.ofHours(Math.max(1, hours)).toMillis();
        this.maxEntries = Math.max(100, maxEntries);
    }

    synchronized Claim claim(String slot, byte[] bodyHash) {
        long now = clock.millis();
        forgetOld(now);
        Entry entry = entries.get(slot);
        if (entry == null) {
            entries.put(slot, new Entry(bodyHash, now, null));
            return new Claim(State.NEW, null);
        }
        if (!Arrays.equals(entry.bodyHash(), bodyHash)) {
            return new Claim(State.OTHER_BODY, null);
        }
        return entry.answer() == null ? new Claim(State.RUNNING, null) : new Claim(State.DONE, entry.answer());
    }

    synchronized void complete(String slot, Answer answer) {
        Entry entry = entries.get(slot);
        if (entry != null) {
            entries.put(slot, new Entry(entry.bodyHash(), entry.at(), answer));
        }
    }

    synchronized void release(String slot) {
        entries.remove(slot);
    }

    private void forgetOld(long now) {
        Iterator<Entry> oldestFirst = entries.values().iterator();
        while (oldestFirst.hasNext()) {
            Entry e = oldestFirst.next();
            if (now - e.at() > keepMillis || entries.size() >= maxEntries) {
                oldestFirst.remove();
            } else {
                break;
            }
        }
    }
}
