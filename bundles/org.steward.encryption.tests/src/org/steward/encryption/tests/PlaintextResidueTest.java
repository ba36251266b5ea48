package org.steward.encryption.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.core.PersonId;
import org.steward.encryption.FieldEncryption;
import org.steward.persistence.PersistenceUnit;
import org.steward.persistence.StewardPersistence;
import org.steward.testing.Osgi;
import org.steward.testing.TempFolders;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

/**
 * A planted unique value of an encrypted field appears nowhere in the Derby files nor in the key store: the test stores
 * ciphertexts through its own persistence unit in a fresh database, shuts the database down and scans every byte of
 * every file for the value in UTF-8 and UTF-16. An unencrypted control value stored beside it must be found, which
 * shows that the scan would see a plaintext.
 */
class PlaintextResidueTest {

    private static final String PERSISTENCE_PID = "org.steward.persistence";

    private final BundleContext context = Osgi.context(PlaintextResidueTest.class);

    @AfterEach
    void defaults() throws Exception {
        Osgi.configure(context, PERSISTENCE_PID, Map.of());
        KeyStores.useDefault(context);
    }

    @Test
    void encryptedValuesLeaveNoPlaintextInTheDatabaseFilesOrTheKeyStore() throws Exception {
        Path keys = TempFolders.create("keys").resolve("keys");
        KeyStores.Services services = KeyStores.use(context, keys, "residue test passphrase");
        FieldEncryption fields = services.fields();
        Path database = TempFolders.create("db").resolve("db");
        Osgi.configure(context, PERSISTENCE_PID, Map.of("jdbcUrl", "jdbc:derby:" + database));
        StewardPersistence persistence = Osgi.service(context, StewardPersistence.class,
                p -> p.info().url().equals("jdbc:derby:" + database));

        String marker = UUID.randomUUID().toString().replace("-", "");
        String planted = "zazolc.gesla." + marker + "@przykład.pl";
        String plantedPolish = "Zażółć gęślą jaźń " + marker;
        String control = "CONTROL-" + marker;
        List<String> erasedValues = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        EntityManagerFactory factory = persistence.open(context.getBundle(), PersistenceUnit.of("encryption-probe", 1));
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            for (int i = 0; i < 200; i++) {
                PersonId person = PersonId.random();
                String id = UUID.randomUUID().toString();
                ids.add(id);
                String value = i == 7 ? planted : i == 8 ? plantedPolish : "person" + i + "." + marker + "@example.pl";
                em.persist(new SecretContact(id, person.toString(), fields.encrypt(person, id, "email", value),
                        services.index().of("email", value), i == 9 ? control : "row " + i));
                if (i == 10) {
                    erasedValues.add(value);
                    services.keys().shred(person);
                }
            }
            em.getTransaction().commit();
            // updates and deletes leave old row images in pages and the log: encrypted ones too
            em.getTransaction().begin();
            em.find(SecretContact.class, ids.get(3)).setControl("updated");
            em.remove(em.find(SecretContact.class, ids.get(4)));
            em.getTransaction().commit();
            assertEquals(null, em.find(SecretContact.class, ids.get(4)));
        } finally {
            em.close();
            factory.close();
        }
        // shut the database down so that every page and the log are on disk
        Osgi.configure(context, PERSISTENCE_PID, Map.of());
        Osgi.service(context, StewardPersistence.class, p -> !p.info().url().equals("jdbc:derby:" + database));
        assertTrue(Files.isRegularFile(database.resolve("service.properties")));

        assertFalse(KeyStores.filesContaining(database, control).isEmpty(),
                "the unencrypted control value is found: the scan sees plaintext");
        for (String value : List.of(planted, plantedPolish, erasedValues.get(0), "Zażółć gęślą jaźń")) {
            assertEquals(List.of(), KeyStores.filesContaining(database, value), "database files holding " + value);
            assertEquals(List.of(), KeyStores.filesContaining(keys, value), "key files holding " + value);
        }
    }
}
