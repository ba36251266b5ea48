package org.steward.demo.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import org.steward.contacts.ContactDraft;
import org.steward.contacts.Contacts;
import org.steward.contacts.DataSource;
import org.steward.contacts.PostalAddress;
import org.steward.core.Actor;
import org.steward.core.ConflictException;

import net.datafaker.Faker;

/**
 * Realistic demo people with Polish, Italian, French, Chinese and English names (datafaker). E-mail addresses use the
 * reserved domain example.com, so a demo person can never be mailed.
 */
final class DemoPeople {

    private record Region(Locale locale, String country, String language, String prefix) {
    }

    private static final List<Region> REGIONS = List.of(
            new Region(Locale.forLanguageTag("pl"), "PL", "pl", "+48"),
            new Region(Locale.forLanguageTag("it"), "IT", "it", "+39"),
            new Region(Locale.forLanguageTag("fr"), "FR", "fr", "+33"),
            new Region(Locale.forLanguageTag("zh-CN"), "CN", "zh", "+86"),
            new Region(Locale.forLanguageTag("en"), "GB", "en", "+44"));

    private DemoPeople() {
    }

    /** Creates {@code n} demo contacts and returns how many were created (an address taken twice is skipped). */
    static int create(Contacts contacts, int n, Actor actor, long seed) {
        Random random = new Random(seed);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        // datafaker finds its YAML dictionaries through the context class loader too
        Thread.currentThread().setContextClassLoader(Faker.class.getClassLoader());
        try {
            Faker[] fakers = REGIONS.stream().map(r -> new Faker(r.locale(), random)).toArray(Faker[]::new);
            Faker ascii = new Faker(Locale.ENGLISH, random);
            int created = 0;
            for (int i = 0; i < n; i++) {
                int r = i % REGIONS.size();
                Region region = REGIONS.get(r);
                Faker faker = fakers[r];
                String first = faker.name().firstName();
                String last = faker.name().lastName();
                String email = ascii.internet().username().replaceAll("[^a-z0-9._-]", "") + "." + (seed % 100_000)
                        + "." + i + "@example.com";
                String phone = region.prefix() + (600_000_000L + random.nextInt(300_000_000));
                LocalDate birth = LocalDate.ofInstant(Instant.ofEpochSecond(-600_000_000L
                        + (long) (random.nextDouble() * 1_400_000_000L)), ZoneOffset.UTC);
                PostalAddress address = new PostalAddress(faker.address().streetAddress(),
                        faker.address().zipCode(), faker.address().city(), "", region.country());
                ContactDraft draft = new ContactDraft(first, last, email, phone, null, address, birth,
                        region.language(), null, null, null, Set.of("demo"), null);
                try {
                    contacts.create(draft, DataSource.integration("demo-data", Instant.now()), actor);
                    created++;
                } catch (ConflictException taken) {
                    // a generated address already exists: skip it
                }
            }
            return created;
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
