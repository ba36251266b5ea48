/**
 * Test support shared by the test bundles: OSGi service lookups, a simulated clock, log capture and temporary folders.
 */
@org.osgi.annotation.versioning.Version("1.1.1")
package org.steward.testing;
