/**
 * Data-subject rights (GDPR Art. 12 and 15-21): a register of requests with their legal deadlines
 * ({@link org.steward.rights.RequestRegister}) and one orchestration of access, portability, rectification,
 * restriction and erasure over every installed {@link org.steward.core.spi.PersonalDataProvider}
 * ({@link org.steward.rights.SubjectRights}). See {@code docs/RIGHTS.md}.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.steward.rights;
