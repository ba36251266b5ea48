package org.steward.contacts.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.contacts.Contact;
import org.steward.contacts.ContactExport;
import org.steward.contacts.ContactId;
import org.steward.contacts.ContactImport;
import org.steward.contacts.DateOrder;
import org.steward.contacts.Contacts;
import org.steward.contacts.ExportLayout;
import org.steward.contacts.ExportRequest;
import org.steward.contacts.ExportResult;
import org.steward.contacts.ImportFormat;
import org.steward.contacts.ImportOptions;
import org.steward.contacts.ImportSummary;
import org.steward.core.Actor;
import org.steward.core.ValidationException;

/**
 * Console commands of scope {@code contacts} ({@code _import}: Gogo calls a method with a leading underscore for a
 * command named like a Java keyword). A failure is thrown as the domain error it is, so that the console prints its one
 * sentence and {@code bin/steward-admin} ends with a failure status; a returned sentence would have ended with 0. */
@Component(service = ContactsCommands.class, property = { "osgi.command.scope=contacts",
        "osgi.command.function=import", "osgi.command.function=export", "osgi.command.function=find",
        "osgi.command.function=show", "osgi.command.function=count" })
public final class ContactsCommands {

    private final Contacts contacts;
    private final ContactImport imports;
    private final ContactExport exports;

    @Activate
    public ContactsCommands(@Reference Contacts contacts, @Reference ContactImport imports,
            @Reference ContactExport exports) {
        this.contacts = contacts;
        this.imports = imports;
        this.exports = exports;
    }

    private static Actor actor() {
        return Actor.console(System.getProperty("user.name"));
    }

    @Descriptor("Imports contacts from a CSV (UTF-8, comma or semicolon, header line) or vCard file; prints progress "
            + "and names the report of rejected rows and values left out. With --preview nothing is imported: prints "
            + "the format, where each column goes and what would happen to each of the first rows")
    public String _import(
            @Descriptor("show what the import would do, import nothing") @Parameter(names = "--preview",
                    presentValue = "true", absentValue = "false") boolean preview,
            @Descriptor("rows the preview reads (1 to 1000)") @Parameter(names = "--rows", absentValue = "20") int rows,
            @Descriptor("keep the columns not mapped as custom fields (defining them needs ADMINISTER)")
            @Parameter(names = "--keep-unmapped", presentValue = "true", absentValue = "false") boolean keep,
            @Descriptor("region of national phone numbers, e.g. PL") @Parameter(names = "--region",
                    absentValue = "") String region,
            @Descriptor("day-month-year, month-day-year or year-month-day") @Parameter(names = "--date-order",
                    absentValue = "") String dateOrder,
            @Descriptor("the file") String file) {
        return importWith(preview, rows, options("", keep, region, dateOrder), file);
    }

    @Descriptor("Imports contacts with a column mapping (or previews it with --preview)")
    public String _import(
            @Descriptor("show what the import would do, import nothing") @Parameter(names = "--preview",
                    presentValue = "true", absentValue = "false") boolean preview,
            @Descriptor("rows the preview reads (1 to 1000)") @Parameter(names = "--rows", absentValue = "20") int rows,
            @Descriptor("keep the columns not mapped as custom fields (defining them needs ADMINISTER)")
            @Parameter(names = "--keep-unmapped", presentValue = "true", absentValue = "false") boolean keep,
            @Descriptor("region of national phone numbers, e.g. PL") @Parameter(names = "--region",
                    absentValue = "") String region,
            @Descriptor("day-month-year, month-day-year or year-month-day") @Parameter(names = "--date-order",
                    absentValue = "") String dateOrder,
            @Descriptor("the file") String file,
            @Descriptor("Header=field pairs, e.g. Imie=firstName,Nazwisko=lastName,Mail=email") String mapping) {
        return importWith(preview, rows, options(mapping, keep, region, dateOrder), file);
    }

    private static ImportOptions options(String mapping, boolean keep, String region, String dateOrder) {
        DateOrder order = null;
        if (!dateOrder.isBlank()) {
            try {
                order = DateOrder.valueOf(dateOrder.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new ValidationException("--date-order", "must be day-month-year, month-day-year or "
                        + "year-month-day");
            }
        }
        return new ImportOptions(ImportFormat.AUTO, (char) 0, ImportOptions.parseMapping(mapping),
                ImportOptions.DEFAULT_BATCH, region, order, keep);
    }

    private String importWith(boolean preview, int rows, ImportOptions options, String file) {
        if (preview) {
            // the operator holds the file: the values are shown here, and go nowhere else
            return ImportPreviewText.of(imports.preview(Path.of(file), options, rows, actor()));
        }
        ImportSummary s = imports.importFile(Path.of(file), options, (records, imported, rejected) -> System.out
                .println("  " + records + " records read, " + imported + " imported, " + rejected + " rejected"),
                actor());
        if (s.status() == ImportSummary.Status.ALREADY_IMPORTED) {
            return "This file was imported completely before (import " + s.importId() + "): nothing was changed.";
        }
        long leftOut = s.columns().stream().filter(c -> c.field() != null).mapToLong(c -> c.leftOut()).sum();
        long unused = s.columns().stream().filter(c -> c.field() == null).count();
        return "Imported " + s.imported() + " of " + s.records() + " records, " + s.rejected()
                + " rejected; report " + s.reportFile() + ", summary " + s.summaryFile() + "."
                + (leftOut > 0 ? " " + leftOut + " values left out of imported rows (in the report)." : "")
                + (unused > 0 ? " " + unused + " columns not used (in the summary)." : "");
    }

    @Descriptor("Exports every contact (or those matching a name, e-mail or phone) to CSV, or vCard for a .vcf file")
    public String export(@Descriptor("the layout: steward, google, outlook, vcard3 or vcard4 (default: steward CSV, "
            + "vCard 4.0 for a .vcf file)") @Parameter(names = "--layout", absentValue = "") String layout,
            @Descriptor("the target file (.csv or .vcf)") String file) {
        return export(layout, file, "");
    }

    @Descriptor("Exports the contacts matching a name, e-mail or phone")
    public String export(@Descriptor("the layout: steward, google, outlook, vcard3 or vcard4") @Parameter(
            names = "--layout", absentValue = "") String layout,
            @Descriptor("the target file (.csv or .vcf)") String file,
            @Descriptor("name prefix, e-mail or phone") String query) {
        ExportResult r = exports.export(new ExportRequest(null, query, List.of(), List.of(), false,
                layout(layout, file)), Path.of(file), actor());
        return "Exported " + r.exported() + " contacts with " + r.fields().size() + " fields to " + r.file()
                + (r.fieldsLeftOut().isEmpty() ? "." : "; left out: " + String.join(", ", r.fieldsLeftOut())
                        + ".");
    }

    private static ExportLayout layout(String name, String file) {
        return switch (name.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "" -> file.toLowerCase(java.util.Locale.ROOT).endsWith(".vcf") ? ExportLayout.VCARD_4
                    : ExportLayout.STEWARD_CSV;
            case "steward" -> ExportLayout.STEWARD_CSV;
            case "google" -> ExportLayout.GOOGLE_CSV;
            case "outlook" -> ExportLayout.OUTLOOK_CSV;
            case "vcard3" -> ExportLayout.VCARD_3;
            case "vcard4" -> ExportLayout.VCARD_4;
            default -> throw new org.steward.core.ValidationException("layout",
                    "must be steward, google, outlook, vcard3 or vcard4");
        };
    }

    @Descriptor("Finds contacts by e-mail address, phone number or the start of a name (at least 3 characters)")
    public String find(@Descriptor("e-mail, phone or name") String text) {
        List<Contact> found = contacts.find(text, 50, actor());
        if (found.isEmpty()) {
            return "No contact found.";
        }
        StringBuilder out = new StringBuilder();
        for (Contact c : found) {
            out.append(c.id()).append("  ").append(c.displayName()).append("  ")
                    .append(c.email() == null ? "" : c.email()).append(c.restricted() ? "  [restricted]" : "")
                    .append('\n');
        }
        return out.toString().stripTrailing();
    }

    @Descriptor("Shows one contact with its sources and lawful bases")
    public String show(@Descriptor("the contact id") String id) {
        Contact c = contacts.get(ContactId.parse(id), actor());
        StringBuilder out = new StringBuilder();
        out.append("Contact ").append(c.id()).append(" (person ").append(c.person()).append(")\n");
        line(out, "Name", c.displayName());
        line(out, "E-mail", c.email());
        line(out, "Phone", c.phone());
        line(out, "Mobile", c.mobile());
        if (!c.address().isEmpty()) {
            line(out, "Address", String.join(", ", c.address().street(), c.address().postalCode() + " "
                    + c.address().city(), c.address().country()));
        }
        line(out, "Birth date", c.birthday());
        line(out, "Language", c.language());
        line(out, "Tags", String.join(", ", c.tags()));
        line(out, "Owner", c.ownerUserId());
        line(out, "Restricted", c.restricted() ? "yes (Art. 18)" : "no");
        c.sources().forEach(s -> line(out, "Source", s.type() + " " + s.name() + " " + s.at()));
        c.lawfulBases().forEach(b -> line(out, "Lawful basis", b.purpose() + ": " + b.basis() + ", reviewed "
                + b.lastReviewed()));
        if (!c.hiddenFields().isEmpty()) {
            line(out, "Hidden", String.join(", ", c.hiddenFields()));
        }
        return out.toString().stripTrailing();
    }

    private static void line(StringBuilder out, String label, String value) {
        if (value != null && !value.isBlank()) {
            out.append("  ").append(label).append(": ").append(value).append('\n');
        }
    }

    @Descriptor("Counts the contacts outside the recycle bin")
    public String count() {
        return contacts.count(actor()) + " contacts";
    }
}
