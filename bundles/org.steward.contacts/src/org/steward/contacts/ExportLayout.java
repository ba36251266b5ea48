package org.steward.contacts;

/**
 * The layout of an export file, for people moving to another tool (portability, GDPR Art. 20: a commonly used
 * format). The CSV layouts are the same tables the import recognises, so an exported file imports back with the same
 * values.
 */
public enum ExportLayout {
    /** {@code id} and the fields by name, every value as stored. */
    STEWARD_CSV(ImportFormat.CSV),
    /** Google Contacts' CSV ("E-mail 1 - Value", "Phone 1 - Label", "Address 1 - Street", ...). */
    GOOGLE_CSV(ImportFormat.CSV),
    /** Outlook's CSV ("E-mail Address", "Business Phone", "Home Street", ...): at most three e-mails and addresses. */
    OUTLOOK_CSV(ImportFormat.CSV),
    /** vCard 3.0 (RFC 2426). */
    VCARD_3(ImportFormat.VCARD),
    /** vCard 4.0 (RFC 6350). */
    VCARD_4(ImportFormat.VCARD);

    private final ImportFormat format;

    ExportLayout(ImportFormat format) {
        this.format = format;
    }

    /** The file format the layout is written in. */
    public ImportFormat format() {
        return format;
    }
}
