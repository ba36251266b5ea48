package org.steward.encryption;

import java.util.Objects;
import java.util.Optional;

import org.steward.core.PersonId;

/** The outcome of a decryption: the value, or the fact that the person was erased (crypto-shredded). */
public sealed interface Decrypted permits Decrypted.Plain, Decrypted.Erased {

    /** The value could be decrypted. The record's {@code toString} never shows the value. */
    record Plain(String value) implements Decrypted {

        public Plain {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "Plain[" + value.length() + " characters]";
        }
    }

    /** The person's data key was destroyed: the value is gone for good. */
    record Erased(PersonId person) implements Decrypted {

        public Erased {
            Objects.requireNonNull(person, "person");
        }
    }

    default boolean isErased() {
        return this instanceof Erased;
    }

    /** The value, or empty when erased. */
    default Optional<String> plain() {
        return this instanceof Plain p ? Optional.of(p.value()) : Optional.empty();
    }

    /** The value, or {@code placeholder} (e.g. "[erased]") when erased. */
    default String orElse(String placeholder) {
        return this instanceof Plain p ? p.value() : placeholder;
    }
}
