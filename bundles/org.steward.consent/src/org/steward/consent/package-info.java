/**
 * Consent: purposes with versioned texts, consent records with proof, double opt-in, consent requests by e-mail,
 * mailing lists with one-click unsubscribe, cookie preferences, and the one decision every sender of mail asks:
 * may we contact this person for this purpose?
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.steward.consent;
