package org.steward.contacts.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/** Schema only: the module reads and writes this table by JDBC (batch imports, no cache to keep coherent). */
@Entity
@Table(name = "CONTACTS_IMPORT", indexes = @Index(name = "CONTACTS_IMPORT_HASH", columnList = "FILE_HASH"))
public class ImportRow {

    @Id @Column(name = "ID", length = 36) String id;
    @Column(name = "FILE_HASH", length = 64, nullable = false) String fileHash;
    @Column(name = "FILE_NAME", length = 500) String fileName;
    @Column(name = "FORMAT", length = 10, nullable = false) String format;
    @Column(name = "DELIMITER_CHAR", length = 1) String delimiter;
    @Column(name = "MAPPING", length = 4000) String mapping;
    @Column(name = "BATCH_SIZE", nullable = false) int batchSize;
    @Column(name = "STATUS", length = 20, nullable = false) String status;
    @Column(name = "LAST_LINE", nullable = false) long lastLine;
    @Column(name = "RECORDS", nullable = false) long records;
    @Column(name = "IMPORTED", nullable = false) long imported;
    @Column(name = "REJECTED", nullable = false) long rejected;
    @Column(name = "USER_ID", length = 200) String userId;
    @Column(name = "STARTED_AT", nullable = false) long startedAt;
    @Column(name = "FINISHED_AT") Long finishedAt;
    @Column(name = "LAYOUT", length = 100) String layout;
    @Column(name = "DEFAULT_REGION", length = 10) String defaultRegion;
    @Column(name = "DATE_ORDER", length = 20) String dateOrder;
    @Column(name = "KEEP_UNMAPPED") Boolean keepUnmappedColumns;
    /** Per column: values met, normalised, left out ({@link ImportColumns#encode}), with each batch. */
    @Lob @Column(name = "COLUMN_COUNTS") String columnCounts;

    protected ImportRow() {
    }
}
