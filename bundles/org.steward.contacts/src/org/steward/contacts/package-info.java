/**
 * Contacts, companies and leads: who a person is, where their record came from, on which lawful basis each purpose
 * rests, and how the record is imported, exported, merged and deleted. Every operation takes the acting principal,
 * asks the permissions service, refuses a restricted person and is audited.
 */
@org.osgi.annotation.versioning.Version("1.2.0")
package org.steward.contacts;
