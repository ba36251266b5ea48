package org.steward.encryption.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.SecretKey;
import javax.security.auth.DestroyFailedException;

import org.steward.core.PersonId;

/** The unwrapped data keys in memory, least recently used dropped first. */
final class KeyCache {

    /** An unwrapped data key and its version. */
    record DataKey(int version, SecretKey key) {
    }

    private final int capacity;
    private final LinkedHashMap<PersonId, DataKey> entries;

    KeyCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<PersonId, DataKey> eldest) {
                if (size() > KeyCache.this.capacity) {
                    destroy(eldest.getValue());
                    return true;
                }
                return false;
            }
        };
    }

    synchronized DataKey get(PersonId person) {
        return entries.get(person);
    }

    synchronized void put(PersonId person, DataKey key) {
        entries.put(person, key);
    }

    synchronized void evict(PersonId person) {
        DataKey removed = entries.remove(person);
        if (removed != null) {
            destroy(removed);
        }
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized void clear() {
        entries.values().forEach(KeyCache::destroy);
        entries.clear();
    }

    private static void destroy(DataKey key) {
        try {
            key.key().destroy();
        } catch (DestroyFailedException | RuntimeException e) {
            // SecretKeySpec may not support it; the reference is dropped either way
        }
    }
}
