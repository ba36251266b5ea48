package org.steward.rights;

import java.util.Set;

/** Where a request stands. {@link #DONE} and {@link #REFUSED} are final. */
public enum RequestState {
    /** Registered; the clock runs from the day of receipt. */
    RECEIVED,
    /** The requester's identity is being checked (Art. 12(6)). */
    VERIFYING,
    /** Being carried out. */
    IN_PROGRESS,
    /** Answered. */
    DONE,
    /** Refused, with the reason told to the person (Art. 12(4)). */
    REFUSED;

    public boolean isOpen() {
        return this != DONE && this != REFUSED;
    }

    /** The states a request in this state may move to. */
    public Set<RequestState> next() {
        return switch (this) {
            case RECEIVED -> Set.of(VERIFYING, IN_PROGRESS, DONE, REFUSED);
            case VERIFYING -> Set.of(IN_PROGRESS, DONE, REFUSED);
            case IN_PROGRESS -> Set.of(DONE, REFUSED);
            case DONE, REFUSED -> Set.of();
        };
    }
}
