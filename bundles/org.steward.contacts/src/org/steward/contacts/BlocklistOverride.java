package org.steward.contacts;

import org.steward.core.ValidationException;

/**
 * The explicit decision to create a contact although a person with the same e-mail address or phone number was erased
 * before (for example: the person came back and asked to be registered again). The reason is audited.
 */
public record BlocklistOverride(String reason) {
    public BlocklistOverride {
        if (reason == null || reason.isBlank()) {
            throw new ValidationException("reason", "is required to override the erasure blocklist");
        }
        reason = reason.strip();
    }
}
