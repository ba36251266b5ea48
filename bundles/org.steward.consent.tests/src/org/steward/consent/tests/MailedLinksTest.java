package org.steward.consent.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.consent.DoubleOptIn;
import org.steward.consent.WebFormSubmission;
import org.steward.core.PublicAddress;
import org.steward.testing.Osgi;

/** A link setting that is a path (the default) is taken below the server's one public address. */
class MailedLinksTest {

    private final BundleContext context = Osgi.context(MailedLinksTest.class);

    private static Map<String, Object> settings(String confirmationUrl) {
        Map<String, Object> consent = new LinkedHashMap<>();
        consent.put("confirmationUrl", confirmationUrl);
        consent.put("requestUrl", ConsentFixture.REQUEST_URL);
        consent.put("unsubscribeUrl", ConsentFixture.UNSUBSCRIBE_URL);
        consent.put("unsubscribeMailbox", ConsentFixture.UNSUBSCRIBE_MAILBOX);
        consent.put("purgeIntervalMinutes", 0);
        return consent;
    }

    @Test
    void theDefaultConfirmationLinkIsBelowThePublicAddress() throws Exception {
        ConsentFixture f = ConsentFixture.get(context);
        Map<String, Object> relative = settings("/consent/confirm?token=");
        Osgi.configure(context, ConsentFixture.CONSENT_PID, relative);
        Osgi.awaitServiceProperties(context, DoubleOptIn.class, null, relative);
        try {
            String email = ConsentFixture.uniqueEmail("public-link");
            Osgi.service(context, DoubleOptIn.class).submit(WebFormSubmission.of(email, "newsletter", "footer-signup",
                    "198.51.100.32", "Mozilla/5.0 form", Locale.ENGLISH, f.clock().instant()));
            String text = ConsentFixture.text(f.awaitMails(email, 1).get(0));
            String base = Osgi.service(context, PublicAddress.class).base().toString();
            assertTrue(base.startsWith("https://"), base);
            assertTrue(Pattern.compile(Pattern.quote(base + "/consent/confirm?token=") + "[A-Za-z0-9_-]{43}")
                    .matcher(text).find(), text);
        } finally {
            Map<String, Object> absolute = settings(ConsentFixture.CONFIRM_URL);
            Osgi.configure(context, ConsentFixture.CONSENT_PID, absolute);
            Osgi.awaitServiceProperties(context, DoubleOptIn.class, null, absolute);
        }
    }
}
