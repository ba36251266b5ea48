package org.steward.persistence;

/**
 * The database in use.
 *
 * @param product the product name and version reported by the driver
 * @param url the JDBC URL without credentials
 * @param embedded whether this is the embedded Derby database under the data directory
 */
public record DatabaseInfo(String product, String url, boolean embedded) {
}
