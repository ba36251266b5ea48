/**
 * Test support shared by the test bundles: OSGi service lookups, a simulated clock, console commands, log capture and temporary folders.
 */
@org.osgi.annotation.versioning.Version("1.2.0")
package org.steward.testing;
