package org.steward.contacts.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.steward.contacts.FieldDefinition;
import org.steward.core.ValidationException;

/**
 * Turns one record's text into RAW values by field name (normalising them is {@code ImportValues}' task): CSV through
 * commons-csv and the recognised layouts ({@link CsvLayouts}), vCard 2.1/3.0/4.0 through vinnie ({@link VCards}).
 */
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

    /**
     * The columns of a header line and where each goes.
     *
     * @param layout the recognised layout ({@code Google Contacts CSV}, ...), or {@code CSV} when none fitted and
     *            the columns were mapped by their names
     */
    record HeaderMapping(String layout, List<Column> columns) {
        HeaderMapping {
            columns = List.copyOf(columns);
        }
    }

    /**
     * One column.
     *
     * @param field the field its first value goes to (an e-mail column's further values go to otherEmails, a phone
     *            labelled mobile to mobile); null when the column is not used
     */
    record Column(int index, String header, String field) {
    }

    /** Not fields of a contact: read by the import pipeline (a company by name, lawful bases, consents, opt-outs). */
    static boolean forPipeline(String key) {
        return "company".equals(key) || key.startsWith("basis.") || key.startsWith("consent.")
                || key.startsWith("optOut.");
    }

    private final CSVFormat format;
    private CsvLayout.Role[] roles = new CsvLayout.Role[0];
    private List<String> headers = List.of();
    private String layout = "CSV";

    RowParser(char delimiter) {
        this.format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreSurroundingSpaces(false).get();
    }

    /**
     * Maps the header: a column named in the explicit mapping (header to field) goes there; the others go where the
     * recognised layout puts them, or else by their name (field name, custom field, common names).
     */
    HeaderMapping header(String text, Map<String, String> mapping, Fields fields) throws Refused {
        headers = values(text).stream().map(String::strip).toList();
        roles = new CsvLayout.Role[headers.size()];
        Map<String, String> byKey = new LinkedHashMap<>();
        mapping.forEach((h, f) -> byKey.put(key(h), f));
        CsvLayout recognised = CsvLayouts.detect(headers);
        layout = recognised == null ? "CSV" : recognised.name();
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i);
            String explicit = byKey.get(key(header));
            if (explicit != null) {
                if (fields.field(explicit).isEmpty() && !forPipeline(explicit)) {
                    throw new ValidationException("mapping", "column '" + header + "' is mapped to '" + explicit
                            + "', which is not a field of a contact");
                }
                roles[i] = CsvLayout.Role.field(explicit);
                continue;
            }
            CsvLayout.Role role = recognised == null ? null : recognised.role(header);
            if (role == null) {
                String byName = defaultField(header, fields);
                role = byName == null ? null : CsvLayout.Role.field(byName);
            }
            roles[i] = role;
        }
        if (java.util.Arrays.stream(roles).allMatch(r -> r == null)) {
            throw new ValidationException("mapping", "no column of the header is mapped to a contact field");
        }
        return mapping();
    }

    /** The mapping as it stands (after {@link #assign}). */
    HeaderMapping mapping() {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < roles.length; i++) {
            columns.add(new Column(i, headers.get(i), roles[i] == null ? null : roles[i].target()));
        }
        return new HeaderMapping(layout, columns);
    }

    /** Maps a column to a field, replacing what it had (the pipeline keeps an unmapped column as a custom field). */
    void assign(int columnIndex, String field) {
        roles[columnIndex] = field == null ? null : CsvLayout.Role.field(field);
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

    /** Every field a value of this file may reach (an e-mail column reaches otherEmails too). */
    List<String> mappedFields() {
        return java.util.Arrays.stream(roles).filter(r -> r != null).flatMap(r -> r.fields().stream()).distinct()
                .toList();
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

    /**
     * The RAW values of one record by field name: the columns of one field joined, the e-mails, phones and addresses
     * of the record sorted into the main fields and the other* fields ({@link ValueGroups}).
     */
    Map<String, String> csv(String text) throws Refused {
        List<String> values = values(text);
        if (values.size() > roles.length) {
            throw new Refused("has " + values.size() + " values but the header has " + roles.length + " columns");
        }
        Map<String, String> row = new LinkedHashMap<>();
        Map<String, Map<String, String>> slots = new TreeMap<>();
        Map<String, CsvLayout.Role> slotRoles = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            CsvLayout.Role role = roles[i];
            String value = values.get(i);
            if (role == null || value.isBlank() || OUTLOOK_NO_DATE.equals(value.strip())) {
                continue;
            }
            switch (role.kind()) {
                case FIELD -> row.merge(role.field(), value, (a, b) -> a + " " + b);
                case LINE -> row.merge(role.field(), value, (a, b) -> a + "\n" + b);
                case LIST -> row.merge(role.field(), list(value, role.part()), (a, b) -> a + "," + b);
                case EMAIL, PHONE, ADDRESS -> {
                    String slot = role.kind() + String.format("%03d", role.slot());
                    slotRoles.putIfAbsent(slot, role);
                    slots.computeIfAbsent(slot, k -> new LinkedHashMap<>()).merge(role.part(), value,
                            (a, b) -> a + "\n" + b); // a second street column is the street's next line
                }
            }
        }
        if (!slots.isEmpty()) {
            ValueGroups groups = new ValueGroups();
            slots.forEach((slot, parts) -> add(groups, slotRoles.get(slot), parts));
            groups.into(row);
        }
        return row;
    }

    /** Outlook writes {@code 0/0/00} for a date it does not have. */
    private static final String OUTLOOK_NO_DATE = "0/0/00";

    private static void add(ValueGroups groups, CsvLayout.Role role, Map<String, String> parts) {
        String label = parts.getOrDefault("label", role.label());
        int preference = role.preferred() || ValueGroups.primaryMark(label) ? 0 : ValueGroups.NONE;
        switch (role.kind()) {
            case EMAIL -> {
                for (String v : split(parts.get("value"))) {
                    groups.email(label, v, preference);
                }
            }
            case PHONE -> {
                for (String v : split(parts.get("value"))) {
                    groups.phone(label, v, false, preference);
                }
            }
            default -> groups.address(label, parts, parts.get("formatted"), preference);
        }
    }

    /** Google puts several values of one label into one cell, separated by {@code :::}. */
    private static List<String> split(String value) {
        return value == null ? List.of() : List.of(value.split("\\s*:::\\s*"));
    }

    /** A list cell as Steward's comma list; Google's system label {@code * myContacts} is no tag. */
    private static String list(String value, String separator) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(java.util.regex.Pattern.quote(separator))) {
            String v = item.strip();
            if (v.startsWith("*")) {
                v = v.substring(1).strip();
            }
            if (!v.isEmpty() && !"myContacts".equals(v)) {
                items.add(v);
            }
        }
        return String.join(",", items);
    }

    static Map<String, String> vcard(String text) throws Refused {
        return VCards.parse(text);
    }

    /** {@code vCard 2.1}, {@code vCard 3.0} or {@code vCard 4.0}, by the card's VERSION. */
    static String vcardLayout(String text) {
        return VCards.layout(text);
    }

    /** Looked up without {@link Fields#field}, which lists every field on each call. */
    private static final java.util.Set<String> BUILT_IN = BuiltInFields.ALL.stream().map(FieldDefinition::name)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /**
     * TEMPORARY, until the pipeline branch reads company, basis.*, consent.* and optOut.* and the normalise branch
     * has added jobTitle and the other* fields to the catalogue: the values of keys that are not (yet) fields of a
     * contact, which the import stored nowhere before either. The lead removes this call when the pipeline lands.
     */
    static Map<String, String> knownFields(Map<String, String> row, Fields fields) {
        row.keySet().removeIf(k -> !BUILT_IN.contains(k) && fields.field(k).isEmpty());
        return row;
    }
}
