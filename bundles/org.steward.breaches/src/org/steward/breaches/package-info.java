/**
 * Personal-data breaches and the register of processing activities: the breach register (GDPR Art. 33(5)) with the
 * 72-hour clock from awareness to the notification of the supervisory authority (Art. 33(1)) and an overdue alert, the
 * notification of the people concerned through the mail outbox (Art. 34), and the register of processing activities
 * (Art. 30) generated from every installed module's description of the personal data it holds.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.steward.breaches;
