package org.steward.encryption.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.security.Provider;
import java.security.Security;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.steward.core.PersonId;
import org.steward.encryption.FieldEncryption;
import org.steward.testing.Osgi;
import org.steward.testing.TempFolders;

/** Bouncy Castle is a JCA provider exactly while the encryption bundle is active, and can be chosen for AES. */
class BouncyCastleProviderTest {

    private final BundleContext context = Osgi.context(BouncyCastleProviderTest.class);

    @AfterEach
    void defaults() throws Exception {
        Bundle bundle = Osgi.bundle(context, "org.steward.encryption");
        if (bundle.getState() != Bundle.ACTIVE) {
            bundle.start();
        }
        KeyStores.useDefault(context);
    }

    private static Provider awaitProvider(boolean present) {
        long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Provider p = Security.getProvider("BC");
            if ((p != null) == present) {
                return p;
            }
            Osgi.sleep(20);
        }
        throw new AssertionError("BC provider present=" + !present + " after " + Osgi.TIMEOUT);
    }

    @Test
    void providerIsRegisteredWhileTheBundleIsActiveAndRemovedWhenItStops() throws Exception {
        Osgi.service(context, FieldEncryption.class);
        Provider registered = awaitProvider(true);
        assertEquals("BC", registered.getName());
        assertNotNull(javax.crypto.Cipher.getInstance("AES/GCM/NoPadding", registered));
        assertNotNull(context.getServiceReference(Provider.class), "offered as a service too");

        Bundle bundle = Osgi.bundle(context, "org.steward.encryption");
        bundle.stop();
        assertNull(Security.getProvider("BC"), "removed when the bundle stops");
        assertNull(context.getServiceReference(Provider.class));

        bundle.start();
        Osgi.service(context, FieldEncryption.class);
        awaitProvider(true);
    }

    @Test
    void bouncyCastleCanBeConfiguredForAesAndReadsWhatTheJdkProviderWrote() throws Exception {
        Path folder = TempFolders.create("keys").resolve("keys");
        FieldEncryption jdk = KeyStores.use(context, folder, "provider switch passphrase").fields();
        PersonId person = PersonId.random();
        String ciphertext = jdk.encrypt(person, "r1", "note", "Ça marche aussi avec Bouncy Castle");

        Osgi.configure(context, KeyStores.PID, Map.of("keysFolder", folder.toString(), ".masterPassphrase",
                "provider switch passphrase", "cipherProvider", "BC", "macProvider", "BC"));
        KeyStores.Services bc = KeyStores.await(context,
                k -> k.status().folder().equals(folder) && k.status().cipherProvider().equals("BC"));
        assertEquals("BC", bc.keys().status().cipherProvider());
        assertEquals("BC", bc.keys().status().macProvider());
        assertEquals("Ça marche aussi avec Bouncy Castle", bc.fields().decrypt(person, "r1", "note", ciphertext)
                .orElse(null));
        String back = bc.fields().encrypt(person, "r2", "note", "et inversement");

        KeyStores.use(context, folder, "provider switch passphrase");
        FieldEncryption again = KeyStores.await(context,
                k -> k.status().folder().equals(folder) && k.status().cipherProvider().equals("SunJCE")).fields();
        assertEquals("et inversement", again.decrypt(person, "r2", "note", back).orElse(null));
    }
}
