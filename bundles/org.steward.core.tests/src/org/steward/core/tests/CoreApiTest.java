package org.steward.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.DataClassification;
import org.steward.core.Html;
import org.steward.core.PersonId;
import org.steward.core.ProcessingRestrictedException;
import org.steward.core.ValidationException;
import org.steward.core.Violation;
import org.steward.core.spi.ErasureOutcome;
import org.steward.core.spi.ExportedRecord;

class CoreApiTest {

    @Test
    void personIdRoundTripsAndRejectsGarbageNamingTheField() {
        PersonId id = PersonId.random();
        assertEquals(id, PersonId.parse(" " + id + " "));
        ValidationException error = assertThrows(ValidationException.class, () -> PersonId.parse("jan.kowalski@example.pl"));
        assertEquals("personId", error.field());
        assertFalse(error.getMessage().contains("kowalski"), "a validation message must not repeat the value");
        assertEquals("validation", error.code());
        assertThrows(ValidationException.class, () -> PersonId.parse(" "));
    }

    @Test
    void htmlEscapeLeavesNoMarkupAndKeepsTheText() {
        assertEquals("&lt;img src=&quot;x&quot; onerror=&#39;alert(1)&#39;&gt; Kowalska &amp; syn, Łódź 王",
                Html.escape("<img src=\"x\" onerror='alert(1)'> Kowalska & syn, Łódź 王"));
        assertEquals("&amp;lt;", Html.escape("&lt;"), "an escaped text is escaped again, not passed through");
        assertEquals("", Html.escape(""));
    }

    @Test
    void classificationOrderDecidesEncryptionAndDefaultVisibility() {
        assertFalse(DataClassification.NOT_PERSONAL.isPersonal());
        assertTrue(DataClassification.PERSONAL.isPersonal());
        assertFalse(DataClassification.PERSONAL.requiresEncryption());
        assertTrue(DataClassification.SENSITIVE.requiresEncryption());
        assertTrue(DataClassification.SPECIAL_CATEGORY.hiddenByDefault());
        assertEquals(DataClassification.SPECIAL_CATEGORY, DataClassification.parse("class", "Special-Category"));
        assertEquals(DataClassification.NOT_PERSONAL, DataClassification.parse("class", "not personal"));
        ValidationException error = assertThrows(ValidationException.class,
                () -> DataClassification.parse("classification", "secret"));
        assertEquals("classification", error.field());
        assertTrue(error.getMessage().contains("special-category"));
    }

    @Test
    void validationCollectsEveryViolation() {
        ValidationException error = new ValidationException(
                List.of(new Violation("email", "is not an e-mail address"), new Violation("phone", "is too long")));
        assertEquals(2, error.violations().size());
        assertEquals("email: is not an e-mail address; phone: is too long", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ValidationException(List.of()));
    }

    @Test
    void actorRequiresIdentityAndKnowsTheSystem() {
        assertTrue(Actor.system().isSystem());
        Actor console = Actor.console("anna");
        assertEquals(Channel.CONSOLE, console.channel());
        assertEquals("anna", console.loginName());
        assertThrows(ValidationException.class, () -> new Actor(" ", "x", Channel.API, null, null));
    }

    @Test
    void restrictionErrorNamesThePersonAndTheArticle() {
        PersonId person = new PersonId(UUID.fromString("00000000-0000-0000-0000-000000000042"));
        ProcessingRestrictedException error = new ProcessingRestrictedException(person, "update");
        assertTrue(error.getMessage().contains("Art. 18"));
        assertTrue(error.getMessage().contains(person.toString()));
        assertEquals("processing-restricted", error.code());
    }

    @Test
    void exportRecordsKeepFieldOrderAndAreImmutable() {
        var fields = new java.util.LinkedHashMap<String, Object>();
        fields.put("lastName", "Wiśniewska");
        fields.put("firstName", "Zofia");
        ExportedRecord record = new ExportedRecord("contact details", "contact", "c-1", fields, null);
        assertEquals(List.of("lastName", "firstName"), List.copyOf(record.fields().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> record.fields().put("x", 1));
        assertEquals("", record.source());
        assertThrows(IllegalArgumentException.class, () -> new ErasureOutcome(-1, 0, List.of()));
        assertEquals(Map.of(), Map.copyOf(new ExportedRecord("c", "t", "i", Map.of(), "").fields()));
    }
}
