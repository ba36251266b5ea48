package org.steward.contacts.internal;

import java.util.List;

/**
 * The CSV layouts recognised from the header line, one table each, and the detection. Headers are compared by
 * {@link RowParser#key} (case, spaces and punctuation ignored). Where a table comes from is said at each; the tools'
 * exports carry many more columns (nicknames, fax numbers, web pages, ...), which stay unmapped and are counted, or
 * are mapped by their name like any other header.
 */
final class CsvLayouts {

    static final String STEWARD = "Steward CSV";
    static final String GOOGLE = "Google Contacts CSV";
    static final String OUTLOOK = "Outlook CSV";

    /** The purpose an e-mail opt-out or a lawful-basis column of a CRM export speaks of. */
    private static final String MARKETING = "marketing";

    /** The fields of Steward's own export (header = field name); kept in the export's order. */
    static final List<String> STEWARD_FIELDS = List.of("firstName", "lastName", "email", "phone", "mobile",
            "address.street", "address.postalCode", "address.city", "address.region", "address.country", "birthDate",
            "language", "notes", "tags", "jobTitle", MultiValues.EMAILS, MultiValues.PHONES,
            MultiValues.ADDRESSES, "companyId", "ownerUserId");

    static final List<CsvLayout> ALL = List.of(google(), googleOlder(), outlook(), apple(), hubspot(), zoho(),
            salesforce(), salesforceReport(), espo(), suite(), steward());

    private CsvLayouts() {
    }

    /** The layout that fits the header line best, or null when none does (columns then map by their names). */
    static CsvLayout detect(List<String> headers) {
        CsvLayout best = null;
        int bestScore = 0;
        for (CsvLayout l : ALL) {
            int s = l.score(headers);
            if (s > bestScore) {
                best = l;
                bestScore = s;
            }
        }
        return best;
    }

    static CsvLayout named(String name) {
        return ALL.stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * Google Contacts' export ("Google CSV", 2023 on): numbered groups "E-mail 1 - Label/Value", "Phone 1 -
     * Label/Value", "Address 1 - ..." with as many numbers as the widest contact needs. The primary value's label
     * starts with {@code * }; several values of one label share a cell, separated by {@code  ::: }. Header names as
     * in Google's export files and the Google Contacts help ("Create or edit a CSV file").
     */
    private static CsvLayout google() {
        return CsvLayout.named(GOOGLE)
                .signature("E-mail 1 - Value", "Phone 1 - Value", "Address 1 - Formatted", "Organization Name")
                .field("firstName", "First Name").field("firstName", "Middle Name").field("lastName", "Last Name")
                .field("birthDate", "Birthday").field("notes", "Notes").list("tags", ":::", "Labels")
                .field("company", "Organization Name").field("jobTitle", "Organization Title")
                .emails(10, "E-mail %d - Label", "E-mail %d - Value")
                .phones(10, "Phone %d - Label", "Phone %d - Value")
                .addresses(5, "label", "Address %d - Label", "formatted", "Address %d - Formatted",
                        "address.street", "Address %d - Street", "address.city", "Address %d - City",
                        "address.postalCode", "Address %d - Postal Code", "address.region", "Address %d - Region",
                        "address.country", "Address %d - Country", "address.street", "Address %d - Extended Address")
                .build();
    }

    /**
     * Google's older export (until 2023, still met): "Given Name", "Additional Name", "Family Name", "E-mail 1 -
     * Type", "Organization 1 - Name", "Group Membership".
     */
    private static CsvLayout googleOlder() {
        return CsvLayout.named("Google Contacts CSV (older export)")
                .signature("Given Name", "Family Name", "E-mail 1 - Type", "Organization 1 - Name")
                .field("firstName", "Given Name").field("firstName", "Additional Name")
                .field("lastName", "Family Name").field("birthDate", "Birthday").field("notes", "Notes")
                .list("tags", ":::", "Group Membership")
                .field("company", "Organization 1 - Name").field("jobTitle", "Organization 1 - Title")
                .emails(10, "E-mail %d - Type", "E-mail %d - Value")
                .phones(10, "Phone %d - Type", "Phone %d - Value")
                .addresses(5, "label", "Address %d - Type", "formatted", "Address %d - Formatted",
                        "address.street", "Address %d - Street", "address.city", "Address %d - City",
                        "address.postalCode", "Address %d - Postal Code", "address.region", "Address %d - Region",
                        "address.country", "Address %d - Country", "address.street", "Address %d - Extended Address")
                .build();
    }

    /**
     * Outlook's "Comma Separated Values" export (Outlook 2013 to 365 and Outlook.com; Microsoft's "Create or edit
     * .csv files to import into Outlook"): fixed columns, three e-mails, typed phones, Business/Home/Other addresses
     * of up to three street lines. An empty birthday is written {@code 0/0/00}.
     */
    private static CsvLayout outlook() {
        CsvLayout.Builder b = CsvLayout.named(OUTLOOK)
                .signature("E-mail Address", "Business Street", "Home Street", "Business Phone", "E-mail 2 Address")
                .field("firstName", "First Name").field("firstName", "Middle Name").field("lastName", "Last Name")
                .field("company", "Company").field("jobTitle", "Job Title")
                .address(1, null, "address.street", "Business Street", "address.street", "Business Street 2",
                        "address.street", "Business Street 3", "address.city", "Business City", "address.region",
                        "Business State", "address.postalCode", "Business Postal Code", "address.country",
                        "Business Country/Region")
                .address(2, "home", "address.street", "Home Street", "address.street", "Home Street 2",
                        "address.street", "Home Street 3", "address.city", "Home City", "address.region",
                        "Home State", "address.postalCode", "Home Postal Code", "address.country",
                        "Home Country/Region")
                .address(3, null, "address.street", "Other Street", "address.street", "Other Street 2",
                        "address.street", "Other Street 3", "address.city", "Other City", "address.region",
                        "Other State", "address.postalCode", "Other Postal Code", "address.country",
                        "Other Country/Region")
                .phone(1, null, true, "Primary Phone").phone(2, "work", false, "Business Phone")
                .phone(3, "work", false, "Business Phone 2").phone(4, "home", false, "Home Phone")
                .phone(5, "home", false, "Home Phone 2").phone(6, "mobile", false, "Mobile Phone")
                .phone(7, null, false, "Other Phone")
                .field("birthDate", "Birthday").field("notes", "Notes").list("tags", ";", "Categories")
                .email(1, null, "E-mail Address").email(2, null, "E-mail 2 Address")
                .email(3, null, "E-mail 3 Address");
        return b.build();
    }

    /**
     * Apple Contacts writes vCards only; CSV files from Mac and iPhone come from exporter apps and from Address
     * Book's own import labels ({@code first}, {@code last}, {@code email (home)}, {@code phone (work)},
     * {@code address (home) street}, ...), which those apps follow. Labels are in the header.
     */
    private static CsvLayout apple() {
        return CsvLayout.named("Apple Contacts CSV")
                .signature("Email (home)", "Email (work)", "Phone (mobile)", "Address (home) street",
                        "Address (work) street")
                .field("firstName", "First", "First name").field("firstName", "Middle", "Middle name")
                .field("lastName", "Last", "Last name").field("company", "Organization", "Company")
                .field("jobTitle", "Job Title", "Title").field("birthDate", "Birthday").field("notes", "Note")
                .email(1, "work", "Email (work)").email(2, "home", "Email (home)").email(3, "other", "Email (other)")
                .phone(1, "mobile", false, "Phone (mobile)").phone(2, "work", false, "Phone (work)")
                .phone(3, "home", false, "Phone (home)").phone(4, "other", false, "Phone (other)")
                .phone(5, "iphone", false, "Phone (iPhone)")
                .address(1, "work", "address.street", "Address (work) street", "address.city",
                        "Address (work) city", "address.region", "Address (work) state", "address.postalCode",
                        "Address (work) zip", "address.country", "Address (work) country")
                .address(2, "home", "address.street", "Address (home) street", "address.city",
                        "Address (home) city", "address.region", "Address (home) state", "address.postalCode",
                        "Address (home) zip", "address.country", "Address (home) country")
                .build();
    }

    /**
     * HubSpot's contacts export ("Export your records"; the default properties' labels): one e-mail, phone and
     * mobile, one address, and the GDPR properties "Legal basis for processing contact's data" (values such as
     * "Legitimate interest – prospect/lead", read as the marketing basis).
     */
    private static CsvLayout hubspot() {
        return CsvLayout.named("HubSpot CSV")
                .signature("Phone Number", "Mobile Phone Number", "State/Region", "Legal basis for processing "
                        + "contact's data", "Marketing contact status")
                .field("firstName", "First Name").field("lastName", "Last Name").email(1, null, "Email")
                .phone(1, null, false, "Phone Number").phone(2, "mobile", false, "Mobile Phone Number")
                .address(1, null, "address.street", "Street Address", "address.city", "City", "address.region",
                        "State/Region", "address.postalCode", "Postal Code", "address.country", "Country/Region")
                .field("company", "Company Name").field("jobTitle", "Job Title")
                .field("basis." + MARKETING, "Legal basis for processing contact's data")
                .field("birthDate", "Date of birth")
                .build();
    }

    /** Zoho CRM's Contacts export (field labels of the Contacts module, Zoho CRM help "Export data"). */
    private static CsvLayout zoho() {
        return CsvLayout.named("Zoho CRM CSV")
                .signature("Mailing Zip", "Secondary Email", "Email Opt Out", "Date of Birth")
                .field("firstName", "First Name").field("lastName", "Last Name").email(1, null, "Email")
                .email(2, null, "Secondary Email").phone(1, null, false, "Phone").phone(2, "mobile", false, "Mobile")
                .phone(3, "home", false, "Home Phone").phone(4, "other", false, "Other Phone")
                .address(1, null, "address.street", "Mailing Street", "address.city", "Mailing City",
                        "address.region", "Mailing State", "address.postalCode", "Mailing Zip", "address.country",
                        "Mailing Country")
                .address(2, "other", "address.street", "Other Street", "address.city", "Other City",
                        "address.region", "Other State", "address.postalCode", "Other Zip", "address.country",
                        "Other Country")
                .field("company", "Account Name").field("jobTitle", "Title").field("birthDate", "Date of Birth")
                .field("optOut." + MARKETING, "Email Opt Out").field("notes", "Description")
                .build();
    }

    /** Salesforce's Contact object as Data Loader and Data Export write it: the API field names. */
    private static CsvLayout salesforce() {
        return CsvLayout.named("Salesforce CSV")
                .signature("MailingStreet", "MailingPostalCode", "HasOptedOutOfEmail", "MobilePhone")
                .field("firstName", "FirstName").field("lastName", "LastName").email(1, null, "Email")
                .phone(1, null, false, "Phone").phone(2, "mobile", false, "MobilePhone")
                .phone(3, "home", false, "HomePhone").phone(4, "other", false, "OtherPhone")
                .address(1, null, "address.street", "MailingStreet", "address.city", "MailingCity",
                        "address.region", "MailingState", "address.postalCode", "MailingPostalCode",
                        "address.country", "MailingCountry")
                .address(2, "other", "address.street", "OtherStreet", "address.city", "OtherCity",
                        "address.region", "OtherState", "address.postalCode", "OtherPostalCode", "address.country",
                        "OtherCountry")
                .field("jobTitle", "Title").field("birthDate", "Birthdate").field("notes", "Description")
                .field("optOut." + MARKETING, "HasOptedOutOfEmail")
                .build();
    }

    /** A Salesforce contacts report exported as CSV: the field labels ("Mailing Zip/Postal Code", ...). */
    private static CsvLayout salesforceReport() {
        return CsvLayout.named("Salesforce report CSV")
                .signature("Mailing Zip/Postal Code", "Mailing State/Province", "Mailing Country")
                .field("firstName", "First Name").field("lastName", "Last Name").email(1, null, "Email")
                .phone(1, null, false, "Phone").phone(2, "mobile", false, "Mobile")
                .phone(3, "home", false, "Home Phone").phone(4, "other", false, "Other Phone")
                .address(1, null, "address.street", "Mailing Street", "address.city", "Mailing City",
                        "address.region", "Mailing State/Province", "address.postalCode", "Mailing Zip/Postal Code",
                        "address.country", "Mailing Country")
                .field("company", "Account Name").field("jobTitle", "Title").field("birthDate", "Birthdate")
                .field("optOut." + MARKETING, "Email Opt Out").field("notes", "Description")
                .build();
    }

    /** EspoCRM's contact export (field labels of entity Contact: "Address Street", "Account Name", ...). */
    private static CsvLayout espo() {
        return CsvLayout.named("EspoCRM CSV")
                .signature("Address Street", "Address Postal Code", "Address Country")
                .field("firstName", "First Name").field("lastName", "Last Name").email(1, null, "Email Address")
                .email(1, null, "Email").phone(1, null, false, "Phone").phone(1, null, false, "Phone Number")
                .phone(2, "mobile", false, "Mobile Phone")
                .address(1, null, "address.street", "Address Street", "address.city", "Address City",
                        "address.region", "Address State", "address.postalCode", "Address Postal Code",
                        "address.country", "Address Country")
                .field("company", "Account Name", "Account").field("jobTitle", "Title")
                .field("notes", "Description").build();
    }

    /**
     * SuiteCRM (and SugarCRM CE) contacts: the list view's export writes the database names ({@code first_name},
     * {@code email1}, {@code primary_address_street}, ...); the import template uses the labels ("Primary Address
     * Street", "Office Phone", "Non Primary E-mails"). Both are read.
     */
    private static CsvLayout suite() {
        return CsvLayout.named("SuiteCRM CSV")
                .signature("primary_address_street", "email1", "Primary Address Street", "Primary Address Postal Code")
                .field("firstName", "first_name", "First Name").field("lastName", "last_name", "Last Name")
                .email(1, null, "email1").email(1, null, "Email Address").email(2, null, "email2")
                .email(2, null, "Non Primary E-mails")
                .phone(1, "work", false, "phone_work").phone(1, "work", false, "Office Phone")
                .phone(2, "mobile", false, "phone_mobile").phone(2, "mobile", false, "Mobile")
                .phone(3, "home", false, "phone_home").phone(3, "home", false, "Home")
                .phone(4, "other", false, "phone_other").phone(4, "other", false, "Other Phone")
                .address(1, null, "address.street", "primary_address_street", "address.street",
                        "Primary Address Street", "address.city", "primary_address_city", "address.city",
                        "Primary Address City", "address.region", "primary_address_state", "address.region",
                        "Primary Address State", "address.postalCode", "primary_address_postalcode",
                        "address.postalCode", "Primary Address Postal Code", "address.country",
                        "primary_address_country", "address.country", "Primary Address Country")
                .address(2, "other", "address.street", "alt_address_street", "address.street",
                        "Alternate Address Street", "address.city", "alt_address_city", "address.city",
                        "Alternate Address City", "address.region", "alt_address_state", "address.region",
                        "Alternate Address State", "address.postalCode", "alt_address_postalcode",
                        "address.postalCode", "Alternate Address Postal Code", "address.country",
                        "alt_address_country", "address.country", "Alternate Address Country")
                .field("company", "account_name", "Account Name").field("jobTitle", "title", "Title")
                .field("birthDate", "birthdate", "Birthdate").field("notes", "description", "Description")
                .build();
    }

    /** Steward's own CSV export: {@code id}, then the fields by name. */
    private static CsvLayout steward() {
        CsvLayout.Builder b = CsvLayout.named(STEWARD).signature("ownerUserId", "companyId", "otherEmails");
        for (String f : STEWARD_FIELDS) {
            b.field(f, f);
        }
        return b.build();
    }
}
