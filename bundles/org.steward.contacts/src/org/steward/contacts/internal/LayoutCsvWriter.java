package org.steward.contacts.internal;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes contacts in a recognised CSV layout (Google, Outlook) from the same table the import reads it with. The main
 * e-mail, phone, mobile and address go to the first (or the preferred) column group of their kind, the other* lines
 * to the next groups: numbered groups with a label column (Google) take them in order with their label, fixed groups
 * (Outlook) by matching label. What finds no column (a fourth e-mail in Outlook) is appended to the notes, one line
 * each, so nothing is lost. Other addresses are single lines as stored, written into the formatted or street column.
 */
final class LayoutCsvWriter {

    private record Entry(String label, String value, Map<String, String> parts, boolean main, boolean mobile) {
    }

    private final Map<String, CsvLayout.Role> columns;

    LayoutCsvWriter(CsvLayout layout) {
        this.columns = layout.columns();
    }

    void write(Writer out, List<StoredContact> contacts, Set<String> fields, Map<String, String> companies)
            throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        Map<CsvLayout.Kind, Integer> used = new LinkedHashMap<>();
        for (StoredContact s : contacts) {
            Map<String, String> row = row(s.values(), fields, companies);
            rows.add(row);
            columns.forEach((header, role) -> {
                if (row.containsKey(header) && role.slot() > 0) {
                    used.merge(role.kind(), role.slot(), Math::max);
                }
            });
        }
        // numbered groups: as many as the widest contact needs, as Google's own export does
        List<String> header = new ArrayList<>();
        columns.forEach((h, role) -> {
            if (role.slot() == 0 || !numbered(role.kind()) || role.slot() <= Math.max(1, used.getOrDefault(role.kind(),
                    1))) {
                header.add(h);
            }
        });
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
            csv.printRecord(header);
            for (Map<String, String> row : rows) {
                List<String> values = new ArrayList<>(header.size());
                for (String h : header) {
                    values.add(row.getOrDefault(h, ""));
                }
                csv.printRecord(values);
            }
        }
    }

    /** Header to value of one contact. */
    private Map<String, String> row(Map<String, String> v, Set<String> fields, Map<String, String> companies) {
        Map<String, String> row = new LinkedHashMap<>();
        List<String> overflow = new ArrayList<>();
        Map<String, String> readable = new LinkedHashMap<>();
        v.forEach((k, value) -> {
            if (fields.contains(k) && value != null) {
                readable.put(k, value);
            }
        });
        String companyId = readable.get(BuiltInFields.COMPANY);
        if (companyId != null && companies.get(companyId) != null) {
            readable.put("company", companies.get(companyId));
        }
        for (Map.Entry<String, CsvLayout.Role> c : columns.entrySet()) {
            CsvLayout.Role role = c.getValue();
            String value = readable.get(role.field());
            if (role.kind() == CsvLayout.Kind.FIELD && value != null && !writtenField(row, role.field())) {
                row.put(c.getKey(), value);
            } else if (role.kind() == CsvLayout.Kind.LIST && value != null) {
                row.put(c.getKey(), String.join(" ::: ".equals(role.part()) || ":::".equals(role.part()) ? " ::: "
                        : role.part(), value.split("\\s*,\\s*")));
            }
        }
        place(row, CsvLayout.Kind.EMAIL, emails(readable), overflow, "E-mail");
        place(row, CsvLayout.Kind.PHONE, phones(readable), overflow, "Phone");
        place(row, CsvLayout.Kind.ADDRESS, addresses(readable), overflow, "Address");
        if (!overflow.isEmpty()) {
            String notesHeader = headerOf("notes");
            String notes = readable.get("notes");
            row.put(notesHeader, (notes == null ? "" : notes + "\n") + String.join("\n", overflow));
        }
        return row;
    }

    /** One column per field: First Name takes the first name, Middle Name stays empty. */
    private boolean writtenField(Map<String, String> row, String field) {
        for (Map.Entry<String, CsvLayout.Role> c : columns.entrySet()) {
            if (row.containsKey(c.getKey()) && field.equals(c.getValue().field())) {
                return true;
            }
        }
        return false;
    }

    private String headerOf(String field) {
        return columns.entrySet().stream().filter(c -> field.equals(c.getValue().field())).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
    }

    private static List<Entry> emails(Map<String, String> v) {
        List<Entry> entries = new ArrayList<>();
        if (v.get("email") != null) {
            entries.add(new Entry(null, v.get("email"), null, true, false));
        }
        for (String line : ValueGroups.lines(v.get(MultiValues.EMAILS))) {
            String[] split = ValueGroups.split(line);
            entries.add(new Entry(split[0], split[1], null, false, false));
        }
        return entries;
    }

    private static List<Entry> phones(Map<String, String> v) {
        List<Entry> entries = new ArrayList<>();
        if (v.get("phone") != null) {
            entries.add(new Entry(null, v.get("phone"), null, true, false));
        }
        if (v.get("mobile") != null) {
            entries.add(new Entry("mobile", v.get("mobile"), null, true, true));
        }
        for (String line : ValueGroups.lines(v.get(MultiValues.PHONES))) {
            String[] split = ValueGroups.split(line);
            entries.add(new Entry(split[0], split[1], null, false, "mobile".equalsIgnoreCase(split[0])));
        }
        return entries;
    }

    private static List<Entry> addresses(Map<String, String> v) {
        List<Entry> entries = new ArrayList<>();
        Map<String, String> main = new LinkedHashMap<>();
        for (String p : ValueGroups.ADDRESS_PARTS) {
            if (v.get(p) != null) {
                main.put(p, v.get(p));
            }
        }
        if (!main.isEmpty()) {
            entries.add(new Entry(null, null, main, true, false));
        }
        for (String line : ValueGroups.lines(v.get(MultiValues.ADDRESSES))) {
            String[] split = ValueGroups.split(line);
            entries.add(new Entry(split[0], split[1], null, false, false));
        }
        return entries;
    }

    private boolean numbered(CsvLayout.Kind kind) {
        return columns.values().stream().anyMatch(r -> r.kind() == kind && "label".equals(r.part()));
    }

    /** The column groups of a kind by slot: part to header. */
    private Map<Integer, Map<String, String>> groups(CsvLayout.Kind kind) {
        Map<Integer, Map<String, String>> groups = new TreeMap<>();
        columns.forEach((h, r) -> {
            if (r.kind() == kind) {
                groups.computeIfAbsent(r.slot(), k -> new LinkedHashMap<>()).putIfAbsent(r.part(), h);
            }
        });
        return groups;
    }

    private CsvLayout.Role roleOf(Map<String, String> group) {
        return columns.get(group.values().iterator().next());
    }

    private void place(Map<String, String> row, CsvLayout.Kind kind, List<Entry> entries, List<String> overflow,
            String name) {
        Map<Integer, Map<String, String>> groups = groups(kind);
        boolean numbered = numbered(kind);
        Set<Integer> taken = new java.util.HashSet<>();
        for (Entry e : entries) {
            Integer slot = numbered ? groups.keySet().stream().filter(s -> !taken.contains(s)).findFirst()
                    .orElse(null) : fixedSlot(groups, taken, e);
            if (slot == null) {
                overflow.add(name + ": " + (e.label == null ? "" : e.label + ": ")
                        + (e.parts == null ? e.value : ValueGroups.addressLine(e.parts)));
                continue;
            }
            taken.add(slot);
            Map<String, String> group = groups.get(slot);
            if (group.containsKey("label")) {
                String label = e.label == null ? (e.main ? "Other" : "") : capitalised(e.label);
                row.put(group.get("label"), e.main && kind != CsvLayout.Kind.ADDRESS ? "* " + label : label);
            }
            if (e.parts != null) {
                e.parts.forEach((part, value) -> {
                    if (group.containsKey(part)) {
                        row.put(group.get(part), value);
                    }
                });
            } else if (kind == CsvLayout.Kind.ADDRESS) {
                row.put(group.getOrDefault("formatted", group.get("address.street")), e.value);
            } else {
                row.put(group.get("value"), e.value);
            }
        }
    }

    /** A fixed column group for the value: the preferred or unlabelled one for a main value, else by label. */
    private Integer fixedSlot(Map<Integer, Map<String, String>> groups, Set<Integer> taken, Entry e) {
        Integer fallback = null;
        for (Map.Entry<Integer, Map<String, String>> g : groups.entrySet()) {
            if (taken.contains(g.getKey())) {
                continue;
            }
            CsvLayout.Role role = roleOf(g.getValue());
            boolean mobileSlot = "mobile".equals(role.label());
            if (e.mobile != mobileSlot) {
                continue;
            }
            if (e.main && (role.preferred() || role.label() == null || e.mobile)) {
                return g.getKey();
            }
            if (!e.main && !role.preferred() && java.util.Objects.equals(role.label(), e.label)) {
                return g.getKey();
            }
            if (!e.main && !role.preferred() && role.label() == null && fallback == null) {
                fallback = g.getKey();
            }
        }
        return fallback;
    }

    private static String capitalised(String label) {
        return label.isEmpty() ? label : label.substring(0, 1).toUpperCase(Locale.ROOT) + label.substring(1);
    }
}
