package org.steward.encryption.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

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
import org.steward.core.DataDirectory;
import org.steward.core.PersonId;
import org.steward.core.StewardException;
import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;
import org.steward.encryption.BlindIndex;
import org.steward.encryption.BlocklistEntry;
import org.steward.encryption.ErasureBlocklist;
import org.steward.encryption.CiphertextException;
import org.steward.encryption.Decrypted;
import org.steward.encryption.FieldEncryption;
import org.steward.encryption.KeyBackup;
import org.steward.encryption.KeyManagement;
import org.steward.encryption.KeyStoreStatus;
import org.steward.encryption.PassphraseSource;
import org.steward.encryption.RotationReport;
import org.steward.encryption.ShredOutcome;

/**
 * The key store, field encryption and blind index of one keys folder. One component, because all three share the
 * keys: a new configuration (another folder, passphrase or provider) replaces all of them at once.
 */
@Component(service = { FieldEncryption.class, BlindIndex.class, KeyManagement.class, ErasureBlocklist.class },
        immediate = true,
        configurationPid = EncryptionConfiguration.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = EncryptionConfiguration.class)
public final class EncryptionService implements FieldEncryption, BlindIndex, KeyManagement, ErasureBlocklist {

    static final String PASSPHRASE_FILE = "master.passphrase";

    private static final DateTimeFormatter BACKUP_NAME = DateTimeFormatter
            .ofPattern("'keys-backup-'yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Logger logger;
    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();
    private final Path folder;
    private final PassphraseSource passphraseSource;
    private final MasterKeyStore masters;
    private final DataKeys dataKeys;
    private final FieldCipher fields;
    private final Provider cipherProvider;
    private final Provider macProvider;
    private final String defaultCountryCode;
    private final ThreadLocal<Mac> macs;
    private final ErasureRegisterFile erasures;
    /** Set on deactivation: a stale reference must not write beside the instance that replaced this one. */
    private volatile boolean closed;

    @Activate
    public EncryptionService(@Reference(service = LoggerFactory.class) Logger logger,
            @Reference DataDirectory dataDirectory, EncryptionConfiguration config,
            @Reference(service = Provider.class, cardinality = ReferenceCardinality.MULTIPLE,
                    policy = ReferencePolicy.STATIC, policyOption = ReferencePolicyOption.GREEDY) List<Provider> registered) {
        this.logger = logger;
        try {
            this.defaultCountryCode = Normalisation.countryCode(config.defaultCountryCode());
            this.cipherProvider = provider(config.cipherProvider(), "cipherProvider", registered);
            this.macProvider = provider(config.macProvider(), "macProvider", registered);
            this.folder = keysFolder(dataDirectory, config.keysFolder());
            this.fields = new FieldCipher(cipherProvider, random);

            char[] passphrase = null;
            try {
                PassphraseSource[] source = new PassphraseSource[1];
                passphrase = passphrase(config, source);
                this.passphraseSource = source[0];
                if (MasterKeyStore.exists(folder)) {
                    this.masters = MasterKeyStore.open(folder, passphrase, describe(passphraseSource), random, clock);
                } else {
                    if (DataKeys.anyKeyFile(folder)) {
                        throw new UnavailableException("The master key store " + folder.resolve(MasterKeyStore.FILE)
                                + " is missing, but " + folder.resolve(DataKeys.PERSONS) + " holds data keys: "
                                + "restore master.p12 from the key backup. Nothing was created.");
                    }
                    this.masters = MasterKeyStore.create(folder, passphrase, random, clock);
                    logger.info("Created the master key store {} (master key version 1 and a blind-index key)",
                            masters.file());
                }
            } finally {
                if (passphrase != null) {
                    Arrays.fill(passphrase, '\0');
                }
            }
            this.dataKeys = new DataKeys(folder, masters, cipherProvider, random, clock,
                    Math.max(16, config.keyCacheSize()));
            for (String repaired : dataKeys.recover()) {
                logger.warn("Key store {}: {}", folder, repaired);
            }
            this.erasures = new ErasureRegisterFile(folder, clock);
            SecretKey indexKey = masters.keys().blindIndex();
            this.macs = ThreadLocal.withInitial(() -> newMac(indexKey));
            newMac(indexKey);
        } catch (StewardException e) {
            // the administrator reads the console and the log; both get the one clear sentence
            logger.error(e.getMessage());
            System.err.println("Steward: " + e.getMessage());
            throw e instanceof UnavailableException u ? u : new UnavailableException(e.getMessage(), e);
        }
        logger.info("Encryption ready: keys in {}, master key version {}, AES by {}, HMAC by {}", folder,
                masters.keys().activeVersion(), cipherProvider.getName(), macProvider.getName());
    }

    @Deactivate
    void deactivate() {
        closed = true;
        dataKeys.close();
        macs.remove();
    }

    private void open() {
        if (closed) {
            throw new UnavailableException("This encryption service instance was stopped (reconfigured or its bundle "
                    + "stopped); get the current service");
        }
    }

    private static Provider provider(String name, String setting, List<Provider> registered) {
        String wanted = name == null || name.isBlank() ? "SunJCE" : name.trim();
        for (Provider p : registered) {
            if (p.getName().equals(wanted)) {
                return p;
            }
        }
        Provider installed = Security.getProvider(wanted);
        if (installed == null) {
            throw new UnavailableException("The JCA provider '" + wanted + "' (setting " + setting + " of "
                    + EncryptionConfiguration.PID + ") is not installed; use SunJCE (the default) or BC");
        }
        return installed;
    }

    private static Path keysFolder(DataDirectory dataDirectory, String configured) {
        Path folder = configured == null || configured.isBlank() ? dataDirectory.area("keys")
                : Path.of(configured.trim()).toAbsolutePath().normalize();
        try {
            SafeFiles.createFolder(folder);
            SafeFiles.restrictFolder(folder);
        } catch (IOException e) {
            throw new UnavailableException("Cannot create the keys folder " + folder + " (setting keysFolder of "
                    + EncryptionConfiguration.PID + "): " + e.getMessage());
        }
        if (!Files.isWritable(folder)) {
            throw new UnavailableException("The keys folder " + folder + " (setting keysFolder of "
                    + EncryptionConfiguration.PID + ") is not writable");
        }
        return folder;
    }

    private static String describe(PassphraseSource source) {
        return switch (source) {
            case CONFIGURATION -> "the setting .masterPassphrase of configuration " + EncryptionConfiguration.PID;
            case ENVIRONMENT -> "the environment variable " + EncryptionConfiguration.ENVIRONMENT_VARIABLE;
            case GENERATED_FILE -> "the file " + PASSPHRASE_FILE + " in the keys folder";
        };
    }

    /** Configuration, then environment, then the generated file; generates the file only on a first start. */
    private char[] passphrase(EncryptionConfiguration config, PassphraseSource[] source) {
        String configured = config._masterPassphrase();
        if (configured != null && !configured.isEmpty()) {
            source[0] = PassphraseSource.CONFIGURATION;
            return configured.toCharArray();
        }
        String environment = System.getenv(EncryptionConfiguration.ENVIRONMENT_VARIABLE);
        if (environment != null && !environment.isEmpty()) {
            source[0] = PassphraseSource.ENVIRONMENT;
            return environment.toCharArray();
        }
        source[0] = PassphraseSource.GENERATED_FILE;
        Path file = folder.resolve(PASSPHRASE_FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).strip().toCharArray();
            }
            if (MasterKeyStore.exists(folder)) {
                throw new UnavailableException("The master key store " + folder.resolve(MasterKeyStore.FILE)
                        + " exists, but no passphrase is set: give it in " + MasterKeyStore.SETTINGS + ". Nothing was changed.");
            }
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            byte[] text = BASE64URL.encode(secret);
            Arrays.fill(secret, (byte) 0);
            SafeFiles.writeAtomically(file, text);
            char[] passphrase = new String(text, StandardCharsets.US_ASCII).toCharArray();
            Arrays.fill(text, (byte) 0);
            logger.warn("No master key passphrase is set: generated one into {} (readable by the owner only). "
                    + "Production installs should move it into the environment variable {} (or the setting "
                    + ".masterPassphrase of {}), delete the file, and keep a copy apart from the key backups.", file,
                    EncryptionConfiguration.ENVIRONMENT_VARIABLE, EncryptionConfiguration.PID);
            return passphrase;
        } catch (IOException e) {
            throw new UnavailableException("Cannot read or write the passphrase file " + file + ": " + e.getMessage());
        }
    }

    private Mac newMac(SecretKey key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256", macProvider);
            mac.init(key);
            return mac;
        } catch (InvalidKeyException e) {
            throw new UnavailableException("The blind-index key in " + masters.file() + " is unusable: "
                    + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new UnavailableException("The JCA provider " + macProvider.getName() + " (setting macProvider of "
                    + EncryptionConfiguration.PID + ") offers no HmacSHA256: " + e.getMessage());
        }
    }

    // ---- FieldEncryption

    private static void require(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(name, "is required");
        }
    }

    @Override
    public String encrypt(PersonId person, String recordId, String field, String value) {
        open();
        if (person == null) {
            throw new ValidationException("personId", "is required");
        }
        require("recordId", recordId);
        require("field", field);
        if (value == null) {
            throw new ValidationException(field, "a missing value is stored as null, not encrypted");
        }
        KeyCache.DataKey key = dataKeys.keyForEncryption(person);
        return fields.encrypt(person, recordId, field, key.version(), key.key(), value);
    }

    @Override
    public Decrypted decrypt(PersonId person, String recordId, String field, String ciphertext) {
        open();
        if (person == null) {
            throw new ValidationException("personId", "is required");
        }
        require("recordId", recordId);
        require("field", field);
        if (ciphertext == null || ciphertext.isEmpty()) {
            throw new CiphertextException(recordId, field, "there is no ciphertext");
        }
        byte[] data = FieldCipher.decode(recordId, field, ciphertext);
        KeyCache.DataKey key;
        try {
            key = dataKeys.keyForDecryption(person);
        } catch (DataKeys.Erased e) {
            return new Decrypted.Erased(person);
        }
        if (FieldCipher.keyVersion(data) != key.version()) {
            throw new CiphertextException(recordId, field, "it was made with data key version "
                    + FieldCipher.keyVersion(data) + ", but the person's key has version " + key.version());
        }
        return new Decrypted.Plain(fields.decrypt(person, recordId, field, key.key(), data));
    }

    @Override
    public int prepareKeys(Collection<PersonId> persons) {
        open();
        if (persons == null) {
            throw new ValidationException("persons", "is required");
        }
        return dataKeys.prepare(persons);
    }

    // ---- BlindIndex

    @Override
    public String email(String email) {
        return of(EMAIL, Normalisation.email(email));
    }

    @Override
    public String phone(String phone) {
        return of(PHONE, Normalisation.phone(phone, defaultCountryCode));
    }

    @Override
    public String normaliseEmail(String email) {
        return Normalisation.email(email);
    }

    @Override
    public String normalisePhone(String phone) {
        return Normalisation.phone(phone, defaultCountryCode);
    }

    @Override
    public String of(String kind, String normalisedValue) {
        open();
        require("kind", kind);
        if (normalisedValue == null) {
            throw new ValidationException(kind, "is required");
        }
        byte[] k = kind.getBytes(StandardCharsets.UTF_8);
        byte[] v = normalisedValue.getBytes(StandardCharsets.UTF_8);
        Mac mac = macs.get();
        mac.update(ByteBuffer.allocate(4).putInt(k.length).array());
        mac.update(k);
        mac.update(ByteBuffer.allocate(4).putInt(v.length).array());
        mac.update(v);
        Arrays.fill(v, (byte) 0);
        return BASE64URL.encodeToString(mac.doFinal());
    }

    // ---- KeyManagement

    @Override
    public ShredOutcome shred(PersonId person) {
        open();
        if (person == null) {
            throw new ValidationException("personId", "is required");
        }
        ShredOutcome outcome = dataKeys.shred(person);
        logger.info("Data key of person {}: {}", person, outcome);
        return outcome;
    }

    @Override
    public boolean isErased(PersonId person) {
        return dataKeys.isErased(person);
    }

    @Override
    public boolean hasKey(PersonId person) {
        return dataKeys.hasKey(person);
    }

    @Override
    public KeyStoreStatus status() {
        MasterKeyStore.Keys keys = masters.keys();
        long[] counts = dataKeys.count();
        return new KeyStoreStatus(folder, masters.file(), keys.activeVersion(), keys.created().get(keys.activeVersion()),
                keys.masters().size(), counts[0], counts[1], passphraseSource, cipherProvider.getName(),
                macProvider.getName(), dataKeys.cached());
    }

    @Override
    public RotationReport rotateMaster() {
        open();
        RotationReport report = dataKeys.rotateMaster();
        logger.info("Master key rotated from version {} to {}: {} data keys re-wrapped in {} ms", report.fromVersion(),
                report.toVersion(), report.rewrapped(), report.took().toMillis());
        return report;
    }

    @Override
    public KeyBackup backup(Path targetFolder) {
        open();
        if (targetFolder == null || targetFolder.toString().isBlank()) {
            throw new ValidationException("folder", "is required");
        }
        Path parent = targetFolder.toAbsolutePath().normalize();
        if (parent.startsWith(folder)) {
            throw new ValidationException("folder", "must be outside the keys folder " + folder);
        }
        Instant start = clock.instant();
        Path target = parent.resolve(BACKUP_NAME.format(start));
        if (Files.exists(target)) {
            throw new ValidationException("folder", "already holds a key backup of this second: " + target);
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new ValidationException("folder", "cannot be created or written: " + parent);
        }
        long[] totals = dataKeys.backup(target);
        copyErasures(target, totals);
        KeyBackup backup = new KeyBackup(start, target, totals[0], totals[1]);
        logger.info("Key backup written to {} ({} files, {} bytes); the passphrase is not in it", target,
                backup.files(), backup.bytes());
        return backup;
    }

    /** The blocklist goes with the keys: a restored key store must not forget an erasure. */
    private void copyErasures(Path target, long[] totals) {
        Path file = erasures.file();
        if (!Files.exists(file)) {
            return;
        }
        try {
            byte[] content = Files.readAllBytes(file);
            SafeFiles.writeAtomically(target.resolve(ErasureRegisterFile.FILE), content);
            totals[0]++;
            totals[1] += content.length;
        } catch (IOException e) {
            throw new UnavailableException("The key backup into " + target + " failed: " + e.getMessage());
        }
    }

    @Override
    public void add(PersonId person, Collection<String> blindIndexes, String requestReference) {
        open();
        erasures.add(person, blindIndexes, requestReference);
        logger.info("Erasure of person {} recorded in the blocklist ({} identifiers)", person,
                blindIndexes == null ? 0 : blindIndexes.size());
    }

    @Override
    public Optional<BlocklistEntry> match(Collection<String> blindIndexes) {
        open();
        return erasures.match(blindIndexes);
    }

    @Override
    public boolean contains(PersonId person) {
        open();
        return erasures.contains(person);
    }

    @Override
    public int size() {
        open();
        return erasures.size();
    }

    @Override
    public String toString() {
        return "EncryptionService[" + folder + "]";
    }
}
