package org.steward.rights.internal;

import java.time.Instant;
import java.util.Optional;

import org.steward.core.PersonId;
import org.steward.rights.LegalHold;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** One row of {@code RIGHTS_HOLD}: the register of legal holds (Art. 17(3)). */
@Entity
@Table(name = "RIGHTS_HOLD", indexes = @Index(name = "RIGHTS_HOLD_PERSON", columnList = "PERSON_ID"))
public class HoldRecord {

    @Id
    @Column(name = "ID", length = 36)
    String id;

    @Column(name = "PERSON_ID", nullable = false, length = 36)
    String personId;

    @Column(name = "REASON", nullable = false, length = 1000)
    String reason;

    @Column(name = "PLACED_BY", nullable = false, length = 200)
    String placedBy;

    @Column(name = "PLACED_AT", nullable = false)
    Instant placedAt;

    @Column(name = "RELEASED_BY", length = 200)
    String releasedBy;

    @Column(name = "RELEASED_AT")
    Instant releasedAt;

    LegalHold toHold() {
        return new LegalHold(id, PersonId.parse(personId), reason, placedBy, placedAt,
                Optional.ofNullable(releasedAt), releasedBy);
    }
}
