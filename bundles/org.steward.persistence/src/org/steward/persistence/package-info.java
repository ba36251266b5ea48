/**
 * One database for every capability, each with its own persistence unit and schema version.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.steward.persistence;
