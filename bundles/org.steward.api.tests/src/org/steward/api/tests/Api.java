package org.steward.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.steward.core.Actor;
import org.steward.identity.Authenticator;
import org.steward.identity.NewUser;
import org.steward.identity.UserCreated;
import org.steward.identity.UserDirectory;
import org.steward.permissions.PermissionAdministration;
import org.steward.testing.Osgi;

/**
 * The API over real HTTP on loopback, with {@code java.net.http}: the server's address from the servlet runtime,
 * staff users made through the identity module, and requests with their answers as JSON.
 */
final class Api {

    static final Actor CONSOLE = Actor.console("tester");
    static final String PASSWORD = "a long passphrase nobody guesses 42";
    static final ObjectMapper JSON = new ObjectMapper();

    final BundleContext context;
    final URI base;
    final HttpClient http;

    record Answer(int status, String contentType, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** Asserts an RFC 9457 problem with this status and type code; returns it. */
        JsonNode problem(int expectedStatus, String code) {
            assertEquals(expectedStatus, status, body);
            assertTrue(contentType != null && contentType.startsWith("application/problem+json"), contentType);
            JsonNode p = json();
            assertEquals("urn:steward:problem:" + code, p.path("type").asText(), body);
            assertEquals(expectedStatus, p.path("status").asInt(), body);
            assertTrue(!body.contains("Exception") && !body.contains("\tat ") && !body.contains("org.steward."),
                    "no class name or stack trace in a problem: " + body);
            return p;
        }

        /** The field named by the first violation. */
        String field() {
            return json().path("violations").path(0).path("field").asText();
        }
    }

    Api(BundleContext context) {
        this.context = context;
        configureThrottling(context);
        Osgi.service(context, Authenticator.class);
        this.http = Tls.pinnedClient(context);
        this.base = URI.create("https://127.0.0.1:" + URI.create(endpoint(context)).getPort() + "/api/v1/");
        long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                Answer a = get("modules", null);
                if (a.status() == 401) {
                    return;
                }
                last = a.status() + " " + a.body();
            } catch (RuntimeException notYet) {
                last = notYet.toString();
            }
            Osgi.sleep(200);
        }
        throw new AssertionError("the API does not answer at " + base + ": " + last + "\n" + Diagnostics.of(context));
    }

    /** A short backoff, so that the tests that fail logins on purpose do not hold up the others for minutes. */
    private static synchronized void configureThrottling(BundleContext context) {
        try {
            if (!throttlingConfigured) {
                Osgi.configure(context, "org.steward.identity", Map.of("maxBackoffSeconds", 1));
                throttlingConfigured = true;
            }
            Osgi.service(context, UserDirectory.class, d -> {
                try {
                    return "1".equals(String.valueOf(d.status().settings().get("maxBackoffSeconds")));
                } catch (RuntimeException stale) {
                    return false;
                }
            });
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static boolean throttlingConfigured;

    /** The HTTPS endpoint the servlet runtime names (it lists the machine's addresses; the server is on loopback). */
    private static String endpoint(BundleContext context) {
        long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ServiceReference<HttpServiceRuntime> ref : references(context)) {
                Object endpoint = ref.getProperty("osgi.http.endpoint");
                java.util.List<String> all = endpoint instanceof String[] a ? java.util.List.of(a)
                        : endpoint instanceof java.util.Collection<?> c ? c.stream().map(String::valueOf).toList()
                        : endpoint == null ? java.util.List.of() : java.util.List.of(String.valueOf(endpoint));
                for (String e : all) {
                    if (e.startsWith("https://") && URI.create(e).getPort() > 0) {
                        return e;
                    }
                }
            }
            Osgi.sleep(50);
        }
        throw new AssertionError("no https endpoint within " + Osgi.TIMEOUT + "\n" + Diagnostics.of(context));
    }

    private static java.util.Collection<ServiceReference<HttpServiceRuntime>> references(BundleContext context) {
        try {
            return context.getServiceReferences(HttpServiceRuntime.class, null);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** A new staff user with a known password (the first login's change done through the API) and a profile. */
    String signedIn(String profile) throws Exception {
        UserDirectory users = Osgi.service(context, UserDirectory.class);
        String login = "api" + UUID.randomUUID().toString().substring(0, 8);
        UserCreated created = users.create(CONSOLE, new NewUser(login, "API Tester", login + "@example.com"));
        Osgi.service(context, PermissionAdministration.class).assignProfile(CONSOLE, created.user().id(), profile);
        JsonNode first = postAfterBackoff("session", Map.of("login", login, "password", created.oneTimePassword()))
                .json();
        assertEquals("password-change-required", first.path("outcome").asText(), first.toString());
        Answer changed = post("session/password", first.path("token").asText(), Map.of("currentPassword",
                created.oneTimePassword(), "newPassword", PASSWORD));
        assertEquals(200, changed.status(), changed.body());
        assertEquals("authenticated", changed.json().path("outcome").asText());
        lastLogin = login;
        return changed.json().path("token").asText();
    }

    String lastLogin;

    /** A sign-in step, sent again after the address's backoff when it is throttled. */
    Answer postAfterBackoff(String path, Object body) {
        Answer answer = post(path, null, body);
        for (int i = 0; i < 5 && answer.status() == 429; i++) {
            Osgi.sleep(1000L * Long.parseLong(answer.header("Retry-After")) + 100);
            answer = post(path, null, body);
        }
        return answer;
    }

    Answer get(String path, String token) {
        return send(request(path, token).GET());
    }

    Answer delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    Answer post(String path, String token, Object body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text(body), StandardCharsets.UTF_8)));
    }

    Answer raw(String method, String path, String token, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder b = request(path, token).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body(), r);
        } catch (IOException e) {
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }

    static String text(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
