/**
 * What every capability's REST resources share (DESIGN.md rule 13): the whiteboard application {@code /api/v1} to
 * select, the acting principal of a request, entity tags for {@code If-Match}, cursor pages, and the errors the one
 * problem mapper turns into RFC 9457 documents. See {@code docs/API.md}.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.steward.api;
