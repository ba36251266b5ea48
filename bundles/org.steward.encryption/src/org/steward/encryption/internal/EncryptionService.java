package org.steward.encryption.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
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
import org.steward.encryption.CiphertextException;
import org.steward.encryption.Decrypted;
import org.steward.encryption.ErasureBlocklist;
import org.steward.encryption.FieldEncryption;
import org.steward.encryption.KeyBackup;
import org.steward.encryption.KeyManagement;
import org.steward.encryption.KeyStoreStatus;
import org.steward.encryption.PassphraseSource;
import org.steward.encryption.RotationReport;
import org.steward.encryption.ShredOutcome;

/**
 * The key store, field encryption and blind index of one keys folder. One component, because all three share the
 * keys: a new configuration (another folder, passphrase or provider) replaces all of them at once. It checks the
 * requests and hands them to the parts of the store: {@link DataKeys}, {@link FieldCipher}, {@link BlindIndexMac},
 * {@link MasterKeyRotation}, {@link KeyBackups} and {@link ErasureRegisterFile}.
 */
@Component(service = { FieldEncryption.class, BlindIndex.class, KeyManagement.class, ErasureBlocklist.class },
        immediate = true,
        configurationPid = EncryptionConfiguration.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = EncryptionConfiguration.class)
public final class EncryptionService implements FieldEncryption, BlindIndex, KeyManagement, ErasureBlocklist {

    private final Logger logger;
    private final SecureRandom random = new SecureRandom();
    private final Path folder;
    private final PassphraseSource passphraseSource;
    private final MasterKeyStore masters;
    private final DataKeys dataKeys;
    private final MasterKeyRotation rotation;
    private final KeyBackups backups;
    private final FieldCipher fields;
    private final BlindIndexMac blindIndex;
    private final Provider cipherProvider;
    private final Provider macProvider;
    private final PhoneNumbers phones;
    private final ErasureRegisterFile erasures;
    /** Set on deactivation: a stale reference must not write beside the instance that replaced this one. */
    private volatile boolean closed;

    /** The time of tombstones, erasures and backups; a test's simulated clock outranks core's system clock. */
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Clock clock;
    /** Core's clock as it was at activation, for the constructor: SCR sets {@link #clock} only after it. */
    private Clock activationClock;
    /** What the parts of the store read: the bound clock service, whichever it is at the moment. */
    private final Clock now = new Clock() {
        @Override
        public Instant instant() {
            Clock bound = clock;
            return (bound != null ? bound : activationClock).instant();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    };

    @Activate
    public EncryptionService(@Reference(service = LoggerFactory.class) Logger logger,
            @Reference DataDirectory dataDirectory, EncryptionConfiguration config, BundleContext context,
            @Reference(service = Provider.class, cardinality = ReferenceCardinality.MULTIPLE,
                    policy = ReferencePolicy.STATIC, policyOption = ReferencePolicyOption.GREEDY) List<Provider> registered) {
        this.logger = logger;
        ServiceReference<Clock> clockReference = context.getServiceReference(Clock.class);
        try {
            this.activationClock = clockReference == null ? null : context.getService(clockReference);
            if (activationClock == null) {
                throw new UnavailableException("No clock service is registered: the core bundle is not started");
            }
            this.phones = new PhoneNumbers(Normalisation.countryCode(config.defaultCountryCode()));
            this.cipherProvider = provider(config.cipherProvider(), "cipherProvider", registered);
            this.macProvider = provider(config.macProvider(), "macProvider", registered);
            this.folder = keysFolder(dataDirectory, config.keysFolder());
            this.fields = new FieldCipher(cipherProvider, random);
            MasterPassphrase passphrase = MasterPassphrase.find(config, folder, random, logger);
            try {
                this.passphraseSource = passphrase.source();
                this.masters = openOrCreate(passphrase);
            } finally {
                passphrase.clear();
            }
            KeyStoreFolder store = KeyStoreFolder.of(folder, masters, cipherProvider, random);
            this.dataKeys = new DataKeys(store, random, now, Math.max(16, config.keyCacheSize()));
            this.rotation = new MasterKeyRotation(store, now);
            for (String repaired : dataKeys.completeShredding()) {
                logger.warn("Key store {}: {}", folder, repaired);
            }
            rotation.resume().ifPresent(resumed -> logger.warn("Key store {}: {}", folder, resumed));
            this.erasures = new ErasureRegisterFile(folder, now);
            this.backups = new KeyBackups(store, erasures, now);
            this.blindIndex = new BlindIndexMac(masters.keys().blindIndex(), macProvider, masters.file().toString());
        } catch (StewardException e) {
            // the administrator reads the console and the log; both get the one clear sentence
            logger.error(e.getMessage());
            System.err.println("Steward: " + e.getMessage());
            throw e instanceof UnavailableException u ? u : new UnavailableException(e.getMessage(), e);
        } finally {
            if (activationClock != null) {
                context.ungetService(clockReference);
            }
        }
        logger.info("Encryption ready: keys in {}, master key version {}, AES by {}, HMAC by {}", folder,
                masters.keys().activeVersion(), cipherProvider.getName(), macProvider.getName());
    }

    private MasterKeyStore openOrCreate(MasterPassphrase passphrase) {
        if (MasterKeyStore.exists(folder)) {
            return MasterKeyStore.open(folder, passphrase.value(), passphrase.origin(), random, now);
        }
        if (KeyFiles.anyKeyFile(folder)) {
            throw new UnavailableException("The master key store " + folder.resolve(MasterKeyStore.FILE)
                    + " is missing, but " + folder.resolve(KeyFiles.PERSONS) + " holds data keys: "
                    + "restore master.p12 from the key backup. Nothing was created.");
        }
        MasterKeyStore created = MasterKeyStore.create(folder, passphrase.value(), random, now);
        logger.info("Created the master key store {} (master key version 1 and a blind-index key)", created.file());
        return created;
    }

    @Deactivate
    void deactivate() {
        closed = true;
        dataKeys.close();
        blindIndex.close();
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
        return of(PHONE, phones.normalise(phone, null));
    }

    @Override
    public String normaliseEmail(String email) {
        return Normalisation.email(email);
    }

    @Override
    public String normalisePhone(String phone) {
        return phones.normalise(phone, null);
    }

    @Override
    public String normalisePhone(String phone, String region) {
        return phones.normalise(phone, region);
    }

    @Override
    public String of(String kind, String normalisedValue) {
        open();
        require("kind", kind);
        if (normalisedValue == null) {
            throw new ValidationException(kind, "is required");
        }
        return blindIndex.of(kind, normalisedValue);
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
        RotationReport report = rotation.rotate();
        logger.info("Master key rotated from version {} to {}: {} data keys re-wrapped in {} ms", report.fromVersion(),
                report.toVersion(), report.rewrapped(), report.took().toMillis());
        return report;
    }

    @Override
    public KeyBackup backup(Path targetFolder) {
        open();
        KeyBackup backup = backups.backup(targetFolder);
        logger.info("Key backup written to {} ({} files, {} bytes); the passphrase is not in it", backup.folder(),
                backup.files(), backup.bytes());
        return backup;
    }

    // ---- ErasureBlocklist

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
