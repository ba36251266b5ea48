package org.steward.consent;

import java.util.Objects;

/**
 * A purpose of processing that people can consent to, or that rests on another lawful basis.
 *
 * @param name stable name ({@code newsletter}, {@code marketing-email}, {@code profiling},
 *            {@code service-communication}, or one an administrator defined)
 * @param description what the purpose is, in words for staff (the person sees the consent text)
 * @param needsConsent whether mail or processing for the purpose needs a consent; {@code false} for purposes that
 *            rest on a contract or a legal obligation, such as service communication
 * @param currentVersion the version of the consent text shown now; 0 when no text was published yet
 * @param builtIn whether Steward seeded the purpose (it cannot be removed)
 */
public record ConsentPurpose(String name, String description, boolean needsConsent, int currentVersion,
        boolean builtIn) {

    /** Mail and processing that are part of a service the person asked for: rests on the contract, no consent. */
    public static final String SERVICE_COMMUNICATION = "service-communication";
    public static final String NEWSLETTER = "newsletter";
    public static final String MARKETING_EMAIL = "marketing-email";
    public static final String PROFILING = "profiling";

    public ConsentPurpose {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
    }
}
