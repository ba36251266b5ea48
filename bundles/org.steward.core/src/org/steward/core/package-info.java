/**
 * Shared API of every Steward capability: who the data subject is ({@link org.steward.core.PersonId}), who acts
 * ({@link org.steward.core.Actor}), how data is classified, the domain errors, and where Steward keeps its files.
 */
@org.osgi.annotation.versioning.Version("1.4.0")
package org.steward.core;
