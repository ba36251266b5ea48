package org.steward.contacts.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.steward.contacts.FieldDefinition;
import org.steward.core.ValidationException;

/** Turns one record's text into values by field name: CSV through commons-csv, vCard 3.0/4.0 through ez-vcard. */
final class RowParser {

    /** A record that cannot be read; the message is the reason for the report (never a value). */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final Map<String, String> ALIASES = new LinkedHashMap<>();

    static {
        alias("firstName", "firstname", "first", "givenname", "given", "forename", "imie", "prenom", "nome");
        alias("lastName", "lastname", "last", "surname", "familyname", "family", "nazwisko", "nom", "cognome");
        alias("email", "email", "emailaddress", "mail", "e-mail");
        alias("phone", "phone", "telephone", "tel", "phonenumber", "telefon");
        alias("mobile", "mobile", "cell", "cellphone", "mobilephone", "komorka");
        alias("address.street", "street", "streetaddress", "address", "ulica");
        alias("address.postalCode", "postalcode", "zip", "zipcode", "postcode", "kodpocztowy");
        alias("address.city", "city", "town", "miasto");
        alias("address.region", "region", "state", "province", "county");
        alias("address.country", "country", "countrycode", "kraj");
        alias("birthDate", "birthdate", "dateofbirth", "birthday", "dob");
        alias("language", "language", "lang", "locale");
        alias("notes", "notes", "note", "comment", "comments");
        alias("tags", "tags", "tag", "labels");
    }

    private static void alias(String field, String... names) {
        for (String n : names) {
            ALIASES.put(n, field);
        }
    }

    static String key(String header) {
        return header.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    private final CSVFormat format;
    private String[] fieldsByColumn;

    RowParser(char delimiter) {
        this.format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreSurroundingSpaces(false).get();
    }

    /** Maps the header: the explicit mapping (header to field), else the default names; unmapped columns are left. */
    List<String> header(String text, Map<String, String> mapping, Fields fields) throws Refused {
        List<String> headers = values(text);
        fieldsByColumn = new String[headers.size()];
        List<String> unmapped = new ArrayList<>();
        Map<String, String> byKey = new LinkedHashMap<>();
        mapping.forEach((h, f) -> byKey.put(key(h), f));
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i).strip();
            String field = mapping.isEmpty() ? defaultField(header, fields) : byKey.get(key(header));
            if (field != null && fields.field(field).isEmpty()) {
                throw new ValidationException("mapping", "column '" + header + "' is mapped to '" + field
                        + "', which is not a field of a contact");
            }
            fieldsByColumn[i] = field;
            if (field == null) {
                unmapped.add(header);
            }
        }
        if (java.util.Arrays.stream(fieldsByColumn).allMatch(f -> f == null)) {
            throw new ValidationException("mapping", "no column of the header is mapped to a contact field");
        }
        return unmapped;
    }

    private static String defaultField(String header, Fields fields) {
        if (fields.field(header).isPresent()) {
            return header;
        }
        if (fields.field(FieldDefinition.CUSTOM_PREFIX + header).isPresent()) {
            return FieldDefinition.CUSTOM_PREFIX + header;
        }
        return ALIASES.get(key(header));
    }

    /** Pipeline hook until the layouts branch's HeaderMapping: the field of each column (null: not mapped). */
    String[] columnFields() { return fieldsByColumn.clone(); }

    /** Pipeline hook (the contract's {@code assign}): maps a column to a field, e.g. a custom field it defined. */
    void assign(int columnIndex, String field) { fieldsByColumn[columnIndex] = field; }

    List<String> mappedFields() {
        return java.util.Arrays.stream(fieldsByColumn).filter(f -> f != null).distinct().toList();
    }

    private List<String> values(String text) throws Refused {
        try (CSVParser parser = CSVParser.parse(text, format)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                throw new Refused("broken quoting: the line holds " + records.size() + " records");
            }
            List<String> values = new ArrayList<>(records.get(0).size());
            records.get(0).forEach(values::add);
            return values;
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new Refused("broken quoting: a quote inside a field must be doubled, and a quoted field must end "
                    + "right before the delimiter");
        }
    }

    Map<String, String> csv(String text) throws Refused {
        List<String> values = values(text);
        if (values.size() > fieldsByColumn.length) {
            throw new Refused("has " + values.size() + " values but the header has " + fieldsByColumn.length
                    + " columns");
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            String field = fieldsByColumn[i];
            if (field != null && !values.get(i).isBlank()) {
                row.merge(field, values.get(i), (a, b) -> a + " " + b);
            }
        }
        return row;
    }

    static Map<String, String> vcard(String text) throws Refused {
        return VCards.parse(text);
    }

    private static void put(Map<String, String> row, String field, String value) {
        if (value != null && !value.isBlank()) {
            row.put(field, value);
        }
    }
}
