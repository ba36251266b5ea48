package org.steward.contacts.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.steward.contacts.ImportFormat;
import org.steward.contacts.ImportOptions;
import org.steward.core.Actor;
import org.steward.core.ValidationException;

/**
 * An import file opened for reading, the same for an import and its preview: its records, the header mapped (CSV),
 * the layout, and each record's raw values by field name.
 */
final class ImportSource implements AutoCloseable {

    private final InputStream in;
    private final RecordReader reader;
    private final boolean vcard;
    private final RowParser parser;
    private final ImportMapping.Header header;
    private String layout;

    private ImportSource(InputStream in, RecordReader reader, boolean vcard, RowParser parser,
            ImportMapping.Header header) {
        this.in = in;
        this.reader = reader;
        this.vcard = vcard;
        this.parser = parser;
        this.header = header;
        this.layout = header == null ? "" : header.layout();
    }

    /** The format of a file: as the options say, or detected from its name and first line. */
    static ImportFormat format(Path file, ImportOptions options) {
        return options.format() == ImportFormat.AUTO ? ImportFiles.detectFormat(file) : options.format();
    }

    /** The CSV delimiter: as the options say, or detected from the header line. */
    static char delimiter(Path file, ImportFormat format, ImportOptions options) {
        char delimiter = format == ImportFormat.CSV ? (options.delimiter() == 0 ? ImportFiles.detectDelimiter(file)
                : options.delimiter()) : ',';
        if (delimiter != ',' && delimiter != ';' && delimiter != '\t') {
            throw new ValidationException("delimiter", "must be a comma, a semicolon or a tab");
        }
        return delimiter;
    }

    /**
     * Opens the file and, for a CSV file, reads and maps its header ({@code define}: custom fields for kept columns
     * are defined now; otherwise only planned, as for a preview).
     */
    static ImportSource open(Path file, ImportFormat format, char delimiter, ImportOptions options,
            ImportMapping mapping, boolean define, Actor actor) throws IOException {
        boolean vcard = format == ImportFormat.VCARD;
        InputStream in = Files.newInputStream(file);
        try {
            RecordReader reader = new RecordReader(in, vcard);
            RowParser parser = new RowParser(delimiter);
            ImportMapping.Header header = null;
            if (!vcard) {
                RecordReader.Raw first = reader.next();
                if (first == null || first.text() == null) {
                    throw new ValidationException("file", "has no readable header line (UTF-8 expected)");
                }
                header = mapping.csv(parser, first.text(), options.mapping(),
                        options.keepUnmappedColumns(), define, actor);
            }
            return new ImportSource(in, reader, vcard, parser, header);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    boolean vcard() {
        return vcard;
    }

    /** The columns of the header; empty for vCards (their properties are met as they come). */
    List<ImportColumns.Column> columns() {
        return header == null ? List.of() : header.columns();
    }

    /** Custom fields a preview would define for kept columns. */
    Set<String> planned() {
        return header == null ? Set.of() : header.planned();
    }

    /** The layout recognised; for vCards known after the first card. */
    String layout() {
        return layout;
    }

    RecordReader.Raw next() throws IOException {
        RecordReader.Raw raw = reader.next();
        if (vcard && layout.isEmpty() && raw != null && raw.text() != null) {
            layout = RowParser.vcardLayout(raw.text());
        }
        return raw;
    }

    /** The raw values of a record by field name. */
    Map<String, String> parse(RecordReader.Raw raw) throws RowParser.Refused {
        return vcard ? RowParser.vcard(raw.text()) : parser.csv(raw.text());
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
