package org.steward.contacts;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The lawful basis of one purpose for one contact.
 *
 * @param purpose the purpose ({@code newsletter}, {@code service}, ...), as the consent module names purposes
 * @param basis the Art. 6(1) basis
 * @param justification why the basis applies; required for {@link LawfulBasis#LEGITIMATE_INTERESTS}
 * @param lastReviewed when the basis was last reviewed
 */
public record PurposeBasis(String purpose, LawfulBasis basis, String justification, LocalDate lastReviewed) {
    public PurposeBasis {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(lastReviewed, "lastReviewed");
        justification = justification == null ? "" : justification;
    }
}
