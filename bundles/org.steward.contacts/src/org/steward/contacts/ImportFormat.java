package org.steward.contacts;

/** Formats of import and export files. */
public enum ImportFormat {
    /** Decided by the file name ({@code .vcf}, {@code .vcard}) and content ({@code BEGIN:VCARD}); otherwise CSV. */
    AUTO,
    /** RFC 4180 CSV, UTF-8 with or without BOM, comma or semicolon, a header line. */
    CSV,
    /** vCard 3.0 or 4.0. */
    VCARD
}
