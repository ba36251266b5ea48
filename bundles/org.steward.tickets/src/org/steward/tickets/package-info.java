/**
 * Helpdesk tickets and their threads: intake from e-mail, web forms, phone and the API, linked to the requester's
 * contact by person id; service-level due times; team queues; customer view without internal notes; self-service
 * changes of contact details. Every operation takes the acting principal, asks the permissions service, refuses a
 * restricted person and is audited without personal values.
 */
@org.osgi.annotation.versioning.Version("2.0.0")
package org.steward.tickets;
