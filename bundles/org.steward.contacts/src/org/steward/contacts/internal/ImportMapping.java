package org.steward.contacts.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.steward.contacts.Contacts;
import org.steward.contacts.FieldCatalogue;
import org.steward.contacts.FieldDefinition;
import org.steward.core.AccessDeniedException;
import org.steward.core.Actor;
import org.steward.core.DataClassification;
import org.steward.core.ValidationException;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Operation;
import org.steward.permissions.Purpose;

/**
 * Where the columns of an import file go: the header read by the {@link RowParser}, the fields the pipeline reads
 * itself (company, lawful bases, consent, opt-out), the custom fields defined for columns not mapped when the import
 * keeps them; and the permissions this asks for, once, before the first row.
 */
final class ImportMapping {

    /** The header of a CSV file as the run uses it. */
    record Header(String layout, List<ImportColumns.Column> columns, Set<String> planned) {
    }

    /** The largest custom field the catalogue allows: a kept column's values are not cut. */
    static final int KEPT_LENGTH = 4000;
    private static final int MAX_NAME = 56;

    private final Fields fields;
    private final FieldCatalogue catalogue;
    private final AccessDecisions access;

    ImportMapping(Fields fields, FieldCatalogue catalogue, AccessDecisions access) {
        this.fields = fields;
        this.catalogue = catalogue;
        this.access = access;
    }

    /**
     * Refuses a mapping to a field no file may fill: an override of the erasure blocklist needs a person's decision
     * and reason per contact (see {@link ErasureChecks}), never a column.
     */
    static void refuseOverrides(Map<String, String> mapping) {
        for (Map.Entry<String, String> entry : mapping.entrySet()) {
            String field = entry.getValue().toLowerCase(Locale.ROOT);
            if (field.startsWith("override") || field.contains("blocklist")) {
                throw new ValidationException("mapping", "column '" + entry.getKey() + "' is mapped to '"
                        + entry.getValue() + "': an override of the erasure blocklist cannot come from a file; "
                        + "create such a contact on its own with an override and a reason");
            }
        }
    }

    /**
     * Reads the header line and maps its columns. With {@code keepUnmapped}, columns not mapped go to custom fields
     * named after them: defined here when {@code define} (the import), only planned otherwise (the preview).
     */
    Header csv(RowParser parser, String headerText, Map<String, String> mapping, boolean keepUnmapped,
            boolean define, Actor actor) {
        refuseOverrides(mapping);
        RowParser.HeaderMapping read;
        try {
            read = parser.header(headerText, mapping, fields);
        } catch (RowParser.Refused e) {
            throw new ValidationException("header", e.getMessage());
        }
        List<ImportColumns.Column> columns = columns(read);
        Set<String> planned = new HashSet<>();
        if (keepUnmapped) {
            columns = keep(parser, columns, define, actor, planned);
        }
        check(columns);
        for (ImportColumns.Column c : columns) {
            if (c.field() == null) {
                parser.assign(c.index(), ImportColumns.unusedKey(c.index())); // counted, never stored
            }
        }
        return new Header(read.layout(), columns, planned);
    }

    /** The fields the columns write, as the permissions name them (a company name writes the company). */
    static List<String> written(List<ImportColumns.Column> columns, Fields fields) {
        Set<String> written = new LinkedHashSet<>();
        for (ImportColumns.Column c : columns) {
            if (c.field() == null) {
                continue;
            }
            if (ImportColumns.kindOf(c.field()) == ImportColumns.Kind.COMPANY) {
                written.add(BuiltInFields.COMPANY);
            } else if (ImportColumns.kindOf(c.field()) == ImportColumns.Kind.FIELD
                    && fields.field(c.field()).isPresent()) {
                written.add(c.field());
            }
        }
        return List.copyOf(written);
    }

    /**
     * What the import asks of the actor beyond {@code IMPORT}: to edit every field written, to manage consent when
     * lawful bases or consent are read, to create companies when a company name is.
     */
    void require(Actor actor, List<ImportColumns.Column> columns, List<String> written) {
        access.requireFields(actor, Contacts.MODULE, ContactService.TYPE, fields.classifications(), Purpose.EDIT,
                written);
        boolean bases = false;
        boolean companies = false;
        for (ImportColumns.Column c : columns) {
            ImportColumns.Kind kind = c.field() == null ? ImportColumns.Kind.UNUSED : ImportColumns.kindOf(c.field());
            bases |= kind == ImportColumns.Kind.BASIS || kind == ImportColumns.Kind.CONSENT;
            companies |= kind == ImportColumns.Kind.COMPANY;
        }
        if (bases) {
            access.require(actor, Operation.MANAGE_CONSENT, Contacts.MODULE, Optional.empty());
        }
        if (companies) {
            access.require(actor, Operation.CREATE, Contacts.MODULE, Optional.empty());
        }
    }

    // ============================================================================================ kept columns

    private List<ImportColumns.Column> keep(RowParser parser, List<ImportColumns.Column> columns, boolean define,
            Actor actor, Set<String> planned) {
        List<ImportColumns.Column> unmapped = columns.stream().filter(c -> c.field() == null).toList();
        if (unmapped.isEmpty()) {
            return columns;
        }
        Set<String> taken = new HashSet<>();
        columns.forEach(c -> taken.add(c.field()));
        Map<Integer, String> names = new LinkedHashMap<>();
        List<ImportColumns.Column> missing = new ArrayList<>();
        for (ImportColumns.Column c : unmapped) {
            String name = customName(c, taken);
            taken.add(name);
            names.put(c.index(), name);
            if (fields.field(name).isEmpty()) {
                missing.add(new ImportColumns.Column(c.index(), c.header(), name));
            }
        }
        if (!missing.isEmpty() && define) {
            try {
                access.require(actor, Operation.ADMINISTER, Contacts.MODULE, Optional.empty());
            } catch (AccessDeniedException e) {
                throw new AccessDeniedException("keepUnmappedColumns", "keeping the " + missing.size()
                        + " columns not mapped defines custom fields, which needs ADMINISTER in module contacts; "
                        + "import without keepUnmappedColumns, or ask an administrator");
            }
            for (ImportColumns.Column c : missing) {
                catalogue.define(c.field(), Sealing.truncate(c.header().strip(), 200), DataClassification.PERSONAL,
                        KEPT_LENGTH, actor);
            }
        } else {
            missing.forEach(c -> planned.add(c.field()));
        }
        List<ImportColumns.Column> kept = new ArrayList<>(columns.size());
        for (ImportColumns.Column c : columns) {
            String name = names.get(c.index());
            if (name != null) {
                parser.assign(c.index(), name);
                kept.add(new ImportColumns.Column(c.index(), c.header(), name));
            } else {
                kept.add(c);
            }
        }
        return kept;
    }

    /**
     * {@code custom.<name>} after a column's header, valid by the catalogue's rule (a letter, then letters, digits,
     * '_', at most {@value #MAX_NAME}); a second column of the same name gets {@code _2}.
     */
    static String customName(ImportColumns.Column column, Set<String> taken) {
        String bare = NameSearch.normalise(column.header()).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (bare.isEmpty() || !Character.isLetter(bare.charAt(0))) {
            bare = "column_" + (bare.isEmpty() ? String.valueOf(column.index() + 1) : bare);
        }
        bare = bare.substring(0, Math.min(bare.length(), MAX_NAME));
        String name = FieldDefinition.CUSTOM_PREFIX + bare;
        for (int n = 2; taken.contains(name); n++) {
            String suffix = "_" + n;
            name = FieldDefinition.CUSTOM_PREFIX + bare.substring(0, Math.min(bare.length(), MAX_NAME
                    - suffix.length())) + suffix;
        }
        return name;
    }

    private static List<ImportColumns.Column> columns(RowParser.HeaderMapping m) {
        List<ImportColumns.Column> columns = new ArrayList<>(m.columns().size());
        for (RowParser.Column c : m.columns()) {
            columns.add(new ImportColumns.Column(c.index(), c.header(), c.field()));
        }
        return columns;
    }

    /** Checks the purposes the columns name and that at least one column is used. */
    static void check(List<ImportColumns.Column> columns) {
        boolean any = false;
        for (ImportColumns.Column c : columns) {
            if (c.field() == null) {
                continue;
            }
            any = true;
            String purpose = ImportColumns.purposeOf(c.field());
            if (purpose != null && !ImportBases.PURPOSE.matcher(purpose).matches()) {
                throw new ValidationException("mapping", "column '" + c.header() + "' names the purpose '" + purpose
                        + "', which must be lower-case letters, digits, '.', '_' or '-'");
            }
        }
        if (!any) {
            throw new ValidationException("mapping", "no column of the header is mapped to a contact field");
        }
    }
}
