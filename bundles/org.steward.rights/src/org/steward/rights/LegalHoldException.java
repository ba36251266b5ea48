package org.steward.rights;

import java.util.List;

import org.steward.core.ConflictException;
import org.steward.core.PersonId;

/** Erasure was refused because a legal hold (Art. 17(3)) is active for the person. Nothing was erased. */
public class LegalHoldException extends ConflictException {

    private static final long serialVersionUID = 1L;

    private final transient List<LegalHold> holds;

    public LegalHoldException(PersonId person, List<LegalHold> holds) {
        super("Erasure of person " + person + " is blocked by " + holds.size() + " legal hold(s) (Art. 17(3)): "
                + String.join("; ", holds.stream().map(LegalHold::reason).toList()));
        this.holds = List.copyOf(holds);
    }

    public List<LegalHold> holds() {
        return holds;
    }
}
