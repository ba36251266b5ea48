package org.steward.breaches.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.steward.breaches.ProcessingActivity;
import org.steward.core.Actor;
import org.steward.core.DataClassification;
import org.steward.core.PersonId;
import org.steward.core.spi.DataCategory;
import org.steward.core.spi.DataDescription;
import org.steward.core.spi.ErasureOutcome;
import org.steward.core.spi.FieldDescription;
import org.steward.core.spi.PersonalDataExport;
import org.steward.core.spi.PersonalDataProvider;
import org.steward.testing.Osgi;
import org.steward.testing.TempFolders;

/**
 * The register of processing activities (Art. 30) comes from the installed providers' descriptions (data subjects
 * included) and is valid CSV.
 */
class ProcessingRegisterTest {

    private final BundleContext context = Osgi.context(getClass());

    /** A provider that only describes itself. */
    private record Describing(String module, List<DataCategory> categories) implements PersonalDataProvider {
        @Override
        public DataDescription describe() {
            return new DataDescription(module, categories);
        }

        @Override
        public PersonalDataExport export(PersonId person, Actor actor) {
            return new PersonalDataExport(module, List.of());
        }

        @Override
        public int rectify(PersonId person, Map<String, String> corrections, Actor actor) {
            return 0;
        }

        @Override
        public void restrict(PersonId person, boolean restricted, Actor actor) {
        }

        @Override
        public boolean isRestricted(PersonId person) {
            return false;
        }

        @Override
        public ErasureOutcome erase(PersonId person, Actor actor) {
            return ErasureOutcome.nothingHeld();
        }
    }

    private ServiceRegistration<PersonalDataProvider> register(PersonalDataProvider provider) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(PersonalDataProvider.MODULE_PROPERTY, provider.module());
        return context.registerService(PersonalDataProvider.class, provider, properties);
    }

    @Test
    void theCsvHoldsEveryCategoryOfTheTestProvidersAndParsesBack() throws Throwable {
        BreachesFixture fixture = BreachesFixture.fresh(context);
        DataCategory loyalty = new DataCategory("loyalty points",
                List.of(new FieldDescription("cardNumber", DataClassification.PERSONAL, "card"),
                        new FieldDescription("points", DataClassification.PERSONAL, "balance")),
                List.of("rewarding purchases, \"gold\" tier", "fraud checks"), List.of("contract (Art. 6(1)(b))"),
                List.of("PointsCo Ltd (processor)"), "2 years after the last purchase",
                List.of("customers", "members of the loyalty scheme"));
        DataCategory health = new DataCategory("allergies",
                List.of(new FieldDescription("allergy", DataClassification.SPECIAL_CATEGORY, "food allergy")),
                List.of("catering\nat events"), List.of("explicit consent (Art. 9(2)(a))"), List.of(),
                "=until the event ends");
        List<ServiceRegistration<PersonalDataProvider>> registrations = new ArrayList<>();
        registrations.add(register(new Describing("zz-loyalty", List.of(loyalty))));
        registrations.add(register(new Describing("zz-events", List.of(health))));
        try {
            List<ProcessingActivity> activities = fixture.breaches.processingRegister(BreachesFixture.DPO);
            assertTrue(activities.stream().anyMatch(a -> a.category().equals("loyalty points")));

            Path file = TempFolders.create("ropa").resolve("ropa.csv");
            String answer = (String) fixture.command("ropa", new Class<?>[] { String.class }, file.toString());
            assertTrue(answer.startsWith(activities.size() + " processing activities"), answer);

            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertTrue(text.endsWith("\r\n"), "RFC 4180 line ends");
            List<CSVRecord> rows;
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                    CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                            .parse(reader)) {
                assertEquals(List.of("Module", "Category", "Purposes", "Categories of data subjects",
                        "Categories of personal data", "Recipients", "Retention", "Lawful bases"),
                        parser.getHeaderNames());
                rows = parser.getRecords();
            }
            assertEquals(activities.size(), rows.size());
            CSVRecord loyaltyRow = rows.stream().filter(r -> r.get("Category").equals("loyalty points")).findFirst()
                    .orElseThrow();
            assertEquals("zz-loyalty", loyaltyRow.get("Module"));
            assertEquals("rewarding purchases, \"gold\" tier; fraud checks", loyaltyRow.get("Purposes"));
            assertEquals("customers; members of the loyalty scheme", loyaltyRow.get("Categories of data subjects"));
            assertEquals("cardNumber (personal); points (personal)", loyaltyRow.get("Categories of personal data"));
            assertEquals("PointsCo Ltd (processor)", loyaltyRow.get("Recipients"));
            assertEquals("2 years after the last purchase", loyaltyRow.get("Retention"));
            assertEquals("contract (Art. 6(1)(b))", loyaltyRow.get("Lawful bases"));

            CSVRecord eventsRow = rows.stream().filter(r -> r.get("Category").equals("allergies")).findFirst()
                    .orElseThrow();
            assertEquals("catering\nat events", eventsRow.get("Purposes"), "a line break survives inside a field");
            assertEquals("allergy (special category)", eventsRow.get("Categories of personal data"));
            assertEquals("none", eventsRow.get("Recipients"));
            assertEquals("'=until the event ends", eventsRow.get("Retention"), "no formula reaches a spreadsheet");
            assertEquals("people whose data the zz-events module holds", eventsRow.get("Categories of data subjects"));
            assertEquals(1, fixture.audit("breach.ropa.export").size());

            registrations.remove(1).unregister();
            assertTrue(fixture.breaches.processingRegister(BreachesFixture.DPO).stream()
                    .noneMatch(a -> a.module().equals("zz-events")), "a removed module drops out");
        } finally {
            registrations.forEach(ServiceRegistration::unregister);
        }
    }
}
