/**
 * The personal-data SPI: every module that stores personal data registers a {@link PersonalDataProvider} so that one
 * data-subject request (access, portability, rectification, restriction, erasure) reaches every installed module,
 * partner plugins included; and modules whose records age out register a {@link RetentionParticipant} (since 1.1)
 * so that the retention module applies retention periods and purges recycle bins in every installed module.
 * Since 1.2 a {@link DataCategory} names its data subjects (Art. 30(1)(c)). Partners implement this API; it changes
 * incompatibly only with a major version.
 */
@org.osgi.annotation.versioning.Version("1.2.0")
package org.steward.core.spi;
