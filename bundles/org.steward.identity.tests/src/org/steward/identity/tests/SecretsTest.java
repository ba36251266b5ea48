package org.steward.identity.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.audit.AuditEntry;
import org.steward.audit.AuditLog;
import org.steward.audit.AuditPage;
import org.steward.audit.AuditQuery;
import org.steward.core.Channel;
import org.steward.identity.LoginResult;
import org.steward.identity.MfaEnrolled;
import org.steward.identity.Totp;
import org.steward.identity.TotpEnrolment;
import org.steward.identity.UserCreated;
import org.steward.testing.LogCapture;
import org.steward.testing.Osgi;

/** No password, token, TOTP secret or recovery code reaches a log file, the OSGi log or the audit. */
class SecretsTest {

    private final BundleContext context = Osgi.context(SecretsTest.class);

    @Test
    void noSecretInLogsOrAudit() throws Exception {
        List<String> secrets = new ArrayList<>();
        try (LogCapture log = new LogCapture(context); IdentityFixture f = IdentityFixture.fresh(context)) {
            secrets.add(IdentityFixture.readAdminPassword());
            UserCreated created = f.users.create(IdentityFixture.ADMIN,
                    new org.steward.identity.NewUser("pia", "Pia", "pia@example.com"));
            secrets.add(created.oneTimePassword());
            LoginResult first = f.login("pia", created.oneTimePassword(), "192.0.2.110");
            secrets.add(first.requireToken());
            LoginResult full = f.auth.changePassword(first.requireToken(), created.oneTimePassword(),
                    IdentityFixture.GOOD, "192.0.2.110");
            secrets.add(IdentityFixture.GOOD);
            secrets.add(full.requireToken());
            f.login("pia", "my wrong secret guess 4711", "192.0.2.111");
            secrets.add("my wrong secret guess 4711");
            f.login("my typed password in the name field", "x", "192.0.2.112");
            secrets.add("my typed password in the name field");
            TotpEnrolment enrolment = f.auth.beginTotpEnrolment(full.requireToken(), "192.0.2.110");
            secrets.add(enrolment.secret());
            MfaEnrolled enrolled = f.auth.confirmTotp(full.requireToken(),
                    Totp.code(Totp.fromBase32(enrolment.secret()), f.clock.instant(), Totp.Algorithm.SHA1, 6),
                    "192.0.2.110");
            secrets.addAll(enrolled.recoveryCodes());
            secrets.add(enrolled.session().requireToken());
            f.auth.reauthenticate(enrolled.session().requireToken(), IdentityFixture.GOOD, Channel.CLIENT,
                    "192.0.2.110");
            f.auth.logout(enrolled.session().requireToken());

            List<String> texts = new ArrayList<>(log.messages().stream().map(String::valueOf).toList());
            Path logs = Path.of(System.getProperty("steward.data.dir")).resolve("logs");
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(logs)) {
                try (Stream<Path> walk = Files.walk(logs)) {
                    walk.filter(Files::isRegularFile).forEach(files::add);
                }
            }
            String equinoxLog = System.getProperty("osgi.logfile");
            if (equinoxLog != null && Files.isRegularFile(Path.of(equinoxLog))) {
                files.add(Path.of(equinoxLog));
            }
            for (Path file : files) {
                texts.add(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
            AuditLog audit = Osgi.service(context, AuditLog.class);
            AuditQuery query = AuditQuery.builder().limit(AuditQuery.MAX_LIMIT).build();
            int entries = 0;
            for (;;) {
                AuditPage page = audit.query(query);
                for (AuditEntry e : page.entries()) {
                    entries++;
                    texts.add(e.toString());
                    texts.add(String.join("|", e.event().actor().userId(), e.event().actor().loginName(),
                            e.event().actor().sourceAddress().orElse(""), e.event().actor().sessionId().orElse(""),
                            e.event().action(), e.event().targetId(), e.event().details(),
                            String.join(",", e.event().fields()), e.hash(), e.previousHash()));
                }
                if (!page.hasMore()) {
                    break;
                }
                query = query.next(page);
            }
            assertTrue(entries >= 8, "the flow was audited: " + entries + " entries");
            for (String text : texts) {
                for (String secret : secrets) {
                    assertTrue(!text.contains(secret), "a secret (" + secret.length() + " characters) leaked into: "
                            + text.substring(0, Math.min(200, text.length())));
                }
            }
        }
    }
}
