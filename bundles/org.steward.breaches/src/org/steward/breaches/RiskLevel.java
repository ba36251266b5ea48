package org.steward.breaches;

import java.util.Locale;

import org.steward.core.ValidationException;

/** The risk a breach poses to the rights and freedoms of the people concerned. */
public enum RiskLevel {
    /** Unlikely to result in a risk: documented only, no notification needed (Art. 33(1), 33(5)). */
    NO_RISK,
    /** A risk: the supervisory authority must be notified within 72 hours (Art. 33(1)). */
    RISK,
    /** A high risk: the people concerned must also be told without undue delay (Art. 34(1)). */
    HIGH_RISK;

    /** Parses "none", "no-risk", "risk", "high", "high-risk" (any case). */
    public static RiskLevel parse(String field, String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (t) {
            case "none", "no-risk", "no risk" -> NO_RISK;
            case "risk" -> RISK;
            case "high", "high-risk", "high risk" -> HIGH_RISK;
            default -> throw new ValidationException(field, "must be none, risk or high");
        };
    }
}
