package org.steward.contacts.internal.rest;

/**
 * A search, sent in the body so that no personal value is in a URL (DESIGN.md rule 13): exactly one of e-mail
 * address (exact, case-insensitive), phone number (exact, any common form) or name (first, last or full name, by
 * prefix).
 */
public record ContactSearchInput(String email, String phone, String name, Integer limit) {
}
