package org.steward.contacts.internal;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.contacts.BlocklistOverride;
import org.steward.contacts.Contacts;
import org.steward.contacts.FieldCatalogue;
import org.steward.contacts.FieldDefinition;
import org.steward.contacts.PreviouslyErasedException;
import org.steward.core.Actor;
import org.steward.core.ConflictException;
import org.steward.core.DataClassification;
import org.steward.core.DataDirectory;
import org.steward.core.NotFoundException;
import org.steward.core.PersonId;
import org.steward.core.ValidationException;
import org.steward.core.Violation;
import org.steward.encryption.BlindIndex;
import org.steward.encryption.BlocklistEntry;
import org.steward.encryption.ErasureBlocklist;
import org.steward.encryption.FieldEncryption;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.Operation;
import org.steward.persistence.PersistenceUnit;
import org.steward.persistence.StewardPersistence;

import jakarta.persistence.EntityManagerFactory;

/**
 * What every contacts service shares: the database, encryption and blind index, the field catalogue, validation, the
 * erasure-blocklist check and the audit log. Also the {@link FieldCatalogue} service.
 */
@Component(service = { ContactsBase.class, FieldCatalogue.class }, immediate = true,
        configurationPid = ContactsConfiguration.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ContactsConfiguration.class)
public final class ContactsBase implements FieldCatalogue {

    static final String UNIT = "steward.contacts";
    static final int SCHEMA_VERSION = 3;
    /** What a value reads as once the person's key is shredded. */
    static final String ERASED = "[erased]";
    static final String MODULE = Contacts.MODULE;

    private static final Pattern CUSTOM_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,55}");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");
    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");

    final Logger logger;
    final Db db;
    final FieldEncryption encryption;
    final BlindIndex blindIndex;
    final AuditLog audit;
    final AccessDecisions access;
    final StewardPersistence persistence;
    final ContactsConfiguration config;
    final DataDirectory dataDirectory;
    final Clock clock = Clock.systemUTC();
    final ImportOrigins imports = new ImportOrigins();
    private final EntityManagerFactory factory;
    private volatile List<FieldDefinition> custom = List.of();
    private volatile ErasureBlocklist blocklist;

    @Activate
    public ContactsBase(@Reference(service = LoggerFactory.class) Logger logger,
            @Reference StewardPersistence persistence, @Reference FieldEncryption encryption,
            @Reference BlindIndex blindIndex, @Reference AuditLog audit, @Reference AccessDecisions access,
            @Reference DataDirectory dataDirectory, BundleContext context, ContactsConfiguration config) {
        this.logger = logger;
        this.persistence = persistence;
        this.encryption = encryption;
        this.blindIndex = blindIndex;
        this.audit = audit;
        this.access = access;
        this.config = config;
        this.dataDirectory = dataDirectory;
        // opening the unit creates or extends the CONTACTS_ tables
        this.factory = persistence.open(context.getBundle(), new PersistenceUnit(UNIT, SCHEMA_VERSION,
                (from, connection) -> ContactsSchema.migrate(from, connection, this)));
        this.db = new Db(persistence.dataSource());
        reloadCustomFields();
    }

    @Deactivate
    void deactivate() {
        factory.close();
    }

    // The lead's ErasureBlocklist implementation may start after us (or not be installed yet): dynamic, optional.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindBlocklist(ErasureBlocklist blocklist) {
        this.blocklist = blocklist;
    }

    void unbindBlocklist(ErasureBlocklist gone) {
        if (this.blocklist == gone) {
            this.blocklist = null;
        }
    }

    Optional<ErasureBlocklist> blocklist() {
        return Optional.ofNullable(blocklist);
    }

    Path reportFolder() {
        String configured = config.reportFolder();
        return configured == null || configured.isBlank() ? dataDirectory.area("contacts").resolve("imports")
                : Path.of(configured);
    }

    // ============================================================================================== catalogue

    private void reloadCustomFields() {
        custom = db.tx(c -> {
            List<FieldDefinition> found = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT NAME, LABEL, CLASSIFICATION, MAX_LENGTH FROM CONTACTS_FIELD ORDER BY NAME");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new FieldDefinition(rs.getString(1), rs.getString(2),
                            DataClassification.valueOf(rs.getString(3)), false, rs.getInt(4)));
                }
            }
            return List.copyOf(found);
        });
    }

    @Override
    public List<FieldDefinition> fields() {
        List<FieldDefinition> all = new ArrayList<>(BuiltInFields.ALL);
        all.addAll(custom);
        return all;
    }

    @Override
    public Optional<FieldDefinition> field(String name) {
        return fields().stream().filter(f -> f.name().equals(name)).findFirst();
    }

    @Override
    public Map<String, DataClassification> classifications() {
        Map<String, DataClassification> map = new LinkedHashMap<>();
        for (FieldDefinition f : fields()) {
            map.put(f.name(), f.classification());
        }
        return map;
    }

    List<FieldDefinition> customFields() {
        return custom;
    }

    @Override
    public FieldDefinition define(String name, String label, DataClassification classification, int maxLength,
            Actor actor) {
        access.require(actor, Operation.ADMINISTER, MODULE, Optional.empty());
        String full = customName(name);
        if (classification == null) {
            throw new ValidationException("classification", "is required");
        }
        if (maxLength < 1 || maxLength > 4000) {
            throw new ValidationException("maxLength", "must be between 1 and 4000");
        }
        if (field(full).isPresent()) {
            throw new ConflictException("A field named " + full + " exists");
        }
        FieldDefinition definition = new FieldDefinition(full, label == null ? full : label.strip(), classification,
                false, maxLength);
        db.tx(c -> Db.update(c, "INSERT INTO CONTACTS_FIELD (NAME, LABEL, CLASSIFICATION, MAX_LENGTH, CREATED_AT) "
                + "VALUES (?, ?, ?, ?, ?)", full, definition.label(), classification.name(), maxLength,
                clock.millis()));
        audit.append(AuditEvent.builder(actor, "contacts.field.define").target(MODULE, "field", full)
                .details("classification " + classification).build());
        reloadCustomFields();
        return definition;
    }

    @Override
    public FieldDefinition classify(String name, DataClassification classification, Actor actor) {
        access.require(actor, Operation.ADMINISTER, MODULE, Optional.empty());
        if (classification == null) {
            throw new ValidationException("classification", "is required");
        }
        FieldDefinition current = field(name).orElseThrow(() -> new NotFoundException("Field", name));
        if (current.builtIn()) {
            throw new ValidationException("name", "is a built-in field; its classification is fixed");
        }
        boolean wasEncrypted = current.classification().isPersonal();
        boolean encrypt = classification.isPersonal();
        int changed = db.tx(c -> {
            int rows = 0;
            if (wasEncrypted != encrypt) {
                rows = CustomValues.reseal(this, c, current.name(), encrypt);
            }
            Db.update(c, "UPDATE CONTACTS_FIELD SET CLASSIFICATION = ? WHERE NAME = ?", classification.name(),
                    current.name());
            return rows;
        });
        audit.append(AuditEvent.builder(actor, "contacts.field.classify").target(MODULE, "field", current.name())
                .details("classification " + current.classification() + " -> " + classification + ", " + changed
                        + " stored values " + (encrypt ? "encrypted" : "decrypted"))
                .build());
        reloadCustomFields();
        return new FieldDefinition(current.name(), current.label(), classification, false, current.maxLength());
    }

    private static String customName(String name) {
        if (name == null || name.isBlank()) {
            throw new ValidationException("name", "is required");
        }
        String bare = name.strip();
        if (bare.startsWith(FieldDefinition.CUSTOM_PREFIX)) {
            bare = bare.substring(FieldDefinition.CUSTOM_PREFIX.length());
        }
        if (!CUSTOM_NAME.matcher(bare).matches()) {
            throw new ValidationException("name", "must start with a letter and hold letters, digits and '_' only "
                    + "(at most 56)");
        }
        return FieldDefinition.CUSTOM_PREFIX + bare;
    }

    // ============================================================================================== validation

    /**
     * Checks and normalises values by field name (blank means absent, removed); every fault is collected, none
     * contains the value.
     */
    Map<String, String> validate(Map<String, String> values, List<Violation> violations) {
        Map<String, String> clean = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String name = entry.getKey();
            String value = entry.getValue() == null ? null : entry.getValue().strip();
            Optional<FieldDefinition> definition = field(name);
            if (definition.isEmpty()) {
                violations.add(new Violation(name, "is not a field of a contact"));
                continue;
            }
            if (value == null || value.isEmpty()) {
                clean.put(name, null);
                continue;
            }
            value = Normalizer.normalize(value, Normalizer.Form.NFC);
            int length = value.codePointCount(0, value.length());
            if (length > definition.get().maxLength()) {
                violations.add(new Violation(name, "is longer than " + definition.get().maxLength() + " characters ("
                        + length + ")"));
                continue;
            }
            if (!"notes".equals(name) && value.chars().anyMatch(ch -> ch < 0x20)) {
                violations.add(new Violation(name, "contains control characters"));
                continue;
            }
            try {
                clean.put(name, normalise(name, value));
            } catch (ValidationException e) {
                violations.add(new Violation(name, e.violations().get(0).reason()));
            }
        }
        return clean;
    }

    private String normalise(String name, String value) {
        switch (name) {
            case "email" -> {
                blindIndex.normaliseEmail(value); // refuses what is no e-mail address
                return value;
            }
            case "phone", "mobile" -> {
                blindIndex.normalisePhone(value);
                return value;
            }
            case "birthDate" -> {
                try {
                    LocalDate date = LocalDate.parse(value);
                    if (date.isAfter(LocalDate.now(clock)) || date.getYear() < 1880) {
                        throw new ValidationException(name, "is not a plausible birth date");
                    }
                    return date.toString();
                } catch (DateTimeParseException e) {
                    throw new ValidationException(name, "must be a date like 1980-04-23");
                }
            }
            case "address.country" -> {
                if (!COUNTRY.matcher(value).matches()) {
                    throw new ValidationException(name, "must be a two-letter ISO 3166-1 code");
                }
                return value.toUpperCase(Locale.ROOT);
            }
            case "language" -> {
                if (!LANGUAGE.matcher(value).matches()) {
                    throw new ValidationException(name, "must be a language tag like pl or en-GB");
                }
                return value;
            }
            case BuiltInFields.TAGS -> {
                return String.join(",", Tags.parse(value));
            }
            default -> {
                return value;
            }
        }
    }

    // ============================================================================================== encryption

    String seal(PersonId person, String recordId, String field, String value) {
        return value == null ? null : encryption.encrypt(person, recordId, field, value);
    }

    String open(PersonId person, String recordId, String field, String ciphertext) {
        return ciphertext == null ? null : encryption.decrypt(person, recordId, field, ciphertext).orElse(ERASED);
    }

    String emailIndex(String email) {
        return email == null ? null : blindIndex.email(email);
    }

    String phoneIndex(String phone) {
        return phone == null ? null : blindIndex.phone(phone);
    }

    /**
     * The blind index of the first up to three characters of the first word of a name part: name search finds
     * candidates by it and compares the decrypted names. Three characters keep the index coarse enough that equal
     * indexes say little, and fine enough that a search decrypts few rows.
     */
    String prefixIndex(String namePart) {
        String prefix = NameSearch.prefix(namePart);
        return prefix == null ? null : blindIndex.of("contact-name-prefix", prefix);
    }

    /**
     * The 64-bit search token of a blind index: its first 8 bytes. The contacts table keeps tokens instead of the
     * 43-character indexes because Derby charges every index entry on each imported row, and a number costs less to
     * compare and store. Two different values share a token with a chance of 2^-64 per pair; lookups that must be
     * exact compare the decrypted value.
     */
    static Long token(String blindIndex) {
        if (blindIndex == null) {
            return null;
        }
        return ByteBuffer.wrap(Base64.getUrlDecoder().decode(blindIndex), 0, 8).getLong();
    }

    Long emailToken(String email) {
        return token(emailIndex(email));
    }

    Long phoneToken(String phone) {
        return token(phoneIndex(phone));
    }

    /** The name tokens {last, first}: of the prefixes of the last and the first name. */
    Long[] nameTokens(String firstName, String lastName) {
        return new Long[] { token(prefixIndex(lastName)), token(prefixIndex(firstName)) };
    }

    // ============================================================================================== blocklist

    /**
     * Refuses a person erased before unless {@code override} is given; returns the erasure that was overridden, for
     * the caller to record with the new record. Without a blocklist service (not installed) the check cannot be made:
     * logged as a warning, and the creation goes on.
     */
    Optional<BlocklistEntry> checkBlocklist(Collection<String> indexes, Optional<BlocklistOverride> override,
            String recordType) {
        List<String> present = indexes.stream().filter(i -> i != null).toList();
        if (present.isEmpty()) {
            return Optional.empty();
        }
        ErasureBlocklist list = blocklist;
        if (list == null) {
            logger.warn("No erasure blocklist service is installed: a {} was created without checking whether the "
                    + "person was erased before", recordType);
            return Optional.empty();
        }
        Optional<BlocklistEntry> match = list.match(present);
        if (match.isPresent() && override.isEmpty()) {
            throw new PreviouslyErasedException("A person with this e-mail address or phone number was erased on "
                    + match.get().erasedAt() + "; creating the " + recordType + " needs an override with a reason");
        }
        return match;
    }

    boolean blocklisted(Collection<String> indexes) {
        ErasureBlocklist list = blocklist;
        List<String> present = indexes.stream().filter(i -> i != null).toList();
        return list != null && !present.isEmpty() && list.match(present).isPresent();
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

}
