/**
 * Outbound mail: a durable outbox (stored, retried with backoff, kept across restarts), the templates the modules
 * contribute in several languages, and transports (a file drop by default, SMTP). Every mail about a person names
 * the person and the purpose; before sending, the outbox asks every {@link SendingPolicy} (the consent module registers one), also again
 * just before delivery, so a withdrawal stops mail already queued.
 */
@org.osgi.annotation.versioning.Version("1.2.0")
package org.steward.mail;
