package org.steward.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.steward.testing.Osgi;

/**
 * A module's paths come and go with its bundle, in the API and in the OpenAPI document (DESIGN.md rule 12).
 */
class ModuleCycleTest {

    static Api api;
    static String token;

    @BeforeAll
    static void signIn() throws Exception {
        api = new Api(Osgi.context(ModuleCycleTest.class));
        token = api.signedIn("Administrator");
    }

    @Test
    void theOpenApiDocumentDescribesTheInstalledResourcesInVersion31() {
        Api.Answer doc = api.get("openapi.json", null);
        assertEquals(200, doc.status(), doc.body() + "\n" + Diagnostics.of(api.context));
        JsonNode openapi = doc.json();
        assertTrue(openapi.path("openapi").asText().startsWith("3.1"), openapi.path("openapi").asText());
        assertEquals("/api/v1", openapi.path("servers").path(0).path("url").asText());
        JsonNode paths = openapi.path("paths");
        assertTrue(paths.has("/contacts/{id}"), paths.toString());
        assertTrue(paths.path("/contacts/{id}").has("patch"), paths.toString());
        assertTrue(paths.has("/contacts/search"), paths.toString());
        assertTrue(paths.has("/session") && paths.has("/me") && paths.has("/modules"), paths.toString());
        assertFalse(paths.has("/openapi.json"), "the document does not describe itself");
        assertTrue(openapi.path("components").path("schemas").has("ContactJson"), openapi.toString());
    }

    @Test
    void stoppingTheContactsBundleRemovesItsPathsAndStartingItBringsThemBack() throws Exception {
        String id = api.post("contacts", token, Map.of("lastName", "Cycle")).json().path("id").asText();
        assertEquals(200, api.get("contacts/" + id, token).status());

        Bundle contacts = Osgi.bundle(api.context, "org.steward.contacts");
        contacts.stop();
        try {
            Osgi.await("the contacts paths are gone", () -> api.get("contacts/" + id, token).status() == 404);
            api.get("contacts/" + id, token).problem(404, "not-found");
            api.post("contacts/search", token, Map.of("name", "Cycle")).problem(404, "not-found");
            assertFalse(api.get("openapi.json", null).json().path("paths").has("/contacts/{id}"),
                    "gone from the OpenAPI document");
            assertEquals(200, api.get("me", token).status(), "the rest of the API works");
            assertFalse(api.get("me", token).json().path("modules").has("contacts"), "nothing to do in contacts");
        } finally {
            contacts.start();
        }
        Osgi.await("the contacts paths are back", () -> api.get("contacts/" + id, token).status() == 200);
        assertEquals("Cycle", api.get("contacts/" + id, token).json().path("lastName").asText());
        assertTrue(api.get("openapi.json", null).json().path("paths").has("/contacts/{id}"), "back in the document");
    }
}
