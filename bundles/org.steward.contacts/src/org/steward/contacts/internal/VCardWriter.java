package org.steward.contacts.internal;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.github.mangstadt.vinnie.SyntaxStyle;
import com.github.mangstadt.vinnie.VObjectParameters;
import com.github.mangstadt.vinnie.io.VObjectWriter;

/**
 * Writes vCards 3.0 (RFC 2426: {@code TYPE=INTERNET,PREF}, {@code TYPE=CELL}, a year-less birthday as Apple writes it)
 * or 4.0 (RFC 6350: {@code PREF=1}, {@code BDAY:--0423}) with the chosen fields. The main e-mail, phone, mobile and
 * address are marked preferred and the other* lines follow with their label as TYPE, so {@link VCards} reads the same
 * values back.
 */
final class VCardWriter implements AutoCloseable {

    static final String V3 = "3.0";
    static final String V4 = "4.0";

    private final VObjectWriter writer;
    private final boolean v3;

    VCardWriter(Writer out, String version) {
        this.writer = new VObjectWriter(out, SyntaxStyle.NEW);
        this.v3 = V3.equals(version);
    }

    void write(String id, Map<String, String> v, Set<String> fields) throws IOException {
        write(id, v, fields, null);
    }

    /** One card; {@code company} is the name of the contact's company, or null. */
    void write(String id, Map<String, String> v, Set<String> fields, String company) throws IOException {
        writer.writeBeginComponent("VCARD");
        writer.writeVersion(v3 ? V3 : V4);
        String given = pick(fields, v, "firstName");
        String family = pick(fields, v, "lastName");
        writer.writeProperty("UID", "urn:uuid:" + id);
        String fn = ((given == null ? "" : given) + " " + (family == null ? "" : family)).strip();
        writer.writeProperty("FN", VCards.escape(fn.isEmpty() ? id : fn));
        writer.writeProperty("N", VCards.escape(family) + ";" + VCards.escape(given) + ";;;");
        // the main value is marked preferred only when others follow, which is all PREF is for
        boolean emails = !others(fields, v, MultiValues.EMAILS).isEmpty();
        boolean phones = !others(fields, v, MultiValues.PHONES).isEmpty();
        boolean addresses = !others(fields, v, MultiValues.ADDRESSES).isEmpty();
        if (pick(fields, v, "email") != null) {
            writer.writeProperty(null, "EMAIL", parameters(v3 ? "INTERNET" : null, emails), v.get("email"));
        }
        for (String line : others(fields, v, MultiValues.EMAILS)) {
            String[] split = ValueGroups.split(line);
            writer.writeProperty(null, "EMAIL", parameters(type(v3 ? "INTERNET" : null, split[0]), false), split[1]);
        }
        if (pick(fields, v, "phone") != null) {
            writer.writeProperty(null, "TEL", parameters(v3 ? "VOICE" : "voice", phones), v.get("phone"));
        }
        if (pick(fields, v, "mobile") != null) {
            writer.writeProperty(null, "TEL", parameters(v3 ? "CELL" : "cell", phones), v.get("mobile"));
        }
        for (String line : others(fields, v, MultiValues.PHONES)) {
            String[] split = ValueGroups.split(line);
            String type = "mobile".equalsIgnoreCase(split[0]) ? "cell" : split[0];
            writer.writeProperty(null, "TEL", parameters(type(null, type), false), split[1]);
        }
        String[] address = { pick(fields, v, "address.street"), pick(fields, v, "address.city"),
                pick(fields, v, "address.region"), pick(fields, v, "address.postalCode"),
                pick(fields, v, "address.country") };
        if (Arrays.stream(address).anyMatch(a -> a != null)) {
            writer.writeProperty(null, "ADR", parameters(null, addresses), ";;" + VCards.escape(address[0]) + ";"
                    + VCards.escape(address[1]) + ";" + VCards.escape(address[2]) + ";" + VCards.escape(address[3])
                    + ";" + VCards.escape(address[4]));
        }
        for (String line : others(fields, v, MultiValues.ADDRESSES)) {
            String[] split = ValueGroups.split(line);
            writer.writeProperty(null, "ADR", parameters(type(null, split[0]), false), ";;"
                    + VCards.escape(split[1]) + ";;;;");
        }
        if (company != null) {
            writer.writeProperty("ORG", VCards.escape(company));
        }
        if (pick(fields, v, "jobTitle") != null) {
            writer.writeProperty("TITLE", VCards.escape(v.get("jobTitle")));
        }
        birthday(pick(fields, v, "birthDate"));
        if (pick(fields, v, "notes") != null) {
            writer.writeProperty("NOTE", VCards.escape(v.get("notes")));
        }
        if (pick(fields, v, "language") != null) {
            writer.writeProperty("LANG", v.get("language"));
        }
        if (pick(fields, v, "tags") != null) {
            writer.writeProperty("CATEGORIES", v.get("tags"));
        }
        writer.writeEndComponent("VCARD");
    }

    /** A year-less birthday: 4.0's {@code --MMDD}; 3.0 has no form for it, so Apple's year 1604 marked as omitted. */
    private void birthday(String stored) throws IOException {
        if (stored == null) {
            return;
        }
        if (stored.startsWith("--") && stored.length() == 7) {
            if (v3) {
                VObjectParameters omit = new VObjectParameters();
                omit.put("X-APPLE-OMIT-YEAR", "1604");
                writer.writeProperty(null, "BDAY", omit, "1604-" + stored.substring(2));
            } else {
                writer.writeProperty("BDAY", "--" + stored.substring(2).replace("-", ""));
            }
        } else {
            writer.writeProperty("BDAY", stored);
        }
    }

    private static String type(String base, String label) {
        String l = label == null || !label.matches("[A-Za-z][A-Za-z0-9-]{0,30}") ? null : label;
        if (base == null) {
            return l;
        }
        return l == null ? base : base + "," + l;
    }

    /** TYPE as 3.0 writes it (upper case, with PREF) or 4.0 (lower case, PREF=1 apart). */
    private VObjectParameters parameters(String type, boolean preferred) {
        VObjectParameters p = new VObjectParameters();
        String t = type;
        if (preferred && v3) {
            t = t == null ? "PREF" : t + ",PREF";
        }
        if (t != null) {
            // one value each: vinnie joins them as TYPE=INTERNET,PREF (a comma inside one value would be quoted)
            for (String each : t.split(",")) {
                p.put("TYPE", v3 ? each.toUpperCase(Locale.ROOT) : each.toLowerCase(Locale.ROOT));
            }
        }
        if (preferred && !v3) {
            p.put("PREF", "1");
        }
        return p;
    }

    private static List<String> others(Set<String> fields, Map<String, String> v, String field) {
        return ValueGroups.lines(pick(fields, v, field));
    }

    private static String pick(Set<String> fields, Map<String, String> v, String field) {
        return fields.contains(field) ? v.get(field) : null;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
