package io.rotabot.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rotabot.directory.Directory;
import io.rotabot.directory.DirectoryAccount;
import io.rotabot.rotation.PasswordRotation;
import io.rotabot.rotation.Rotation;
import io.rotabot.rotation.RotationRequest;
import io.rotabot.rotation.RotationStatus;
import io.rotabot.testing.EndToEndEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Global settings and organization rules over HTTP, and what they do to a rotation. */
class SettingsApiTest extends EndToEndEnvironment {

    private static final String DEFAULTS = settings(true, 20, 90);

    @LocalServerPort
    int port;
    @Autowired
    PasswordPolicies policies;
    @Autowired
    PasswordRotation rotation;
    @Autowired
    Directory directory;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void backToTheDefaults() throws Exception {
        send("PUT", "/api/settings", DEFAULTS);
        send("DELETE", "/api/organization-rules/acme", null);
    }

    @Test
    void invalidSettingsAreRefusedWithTheFieldAndNothingIsSaved() throws Exception {
        HttpResponse<String> tooShort = send("PUT", "/api/settings", settings(true, 3, 90));
        HttpResponse<String> never = send("PUT", "/api/settings", settings(true, 20, 0));
        HttpResponse<String> noClass = send("PUT", "/api/settings", DEFAULTS.replace("\"uppercase\":true,\"lowercase\":true,"
                + "\"digit\":true,\"symbol\":true", "\"uppercase\":false,\"lowercase\":false,\"digit\":false,\"symbol\":false"));
        HttpResponse<String> typo = send("PUT", "/api/settings", DEFAULTS.replace("minimumLength", "minimumLenght"));
        HttpResponse<String> unknown = send("PUT", "/api/organization-rules/umbrella", DEFAULTS);

        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(json.readTree(tooShort.body()).path("fields").toString()).isEqualTo("[\"minimumLength\"]");
        assertThat(json.readTree(never.body()).path("fields").toString()).isEqualTo("[\"frequencyDays\"]");
        assertThat(noClass.statusCode()).isEqualTo(400);
        assertThat(noClass.body()).contains("at least one of uppercase");
        assertThat(json.readTree(typo.body()).path("fields").toString()).isEqualTo("[\"minimumLength\"]");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json.readTree(unknown.body()).path("fields").toString()).isEqualTo("[\"organization\"]");
        assertThat(policies.global().minimumLength()).as("nothing saved").isEqualTo(20);
    }

    @Test
    void anOrganizationRuleOverridesTheGlobalSettingsUntilItIsDeleted() throws Exception {
        assertThat(send("PUT", "/api/organization-rules/acme", settings(true, 32, 30)).statusCode()).isEqualTo(201);
        assertThat(send("PUT", "/api/organization-rules/acme", settings(true, 40, 30)).statusCode()).isEqualTo(200);

        JsonNode ruled = json.readTree(send("GET", "/api/organizations/acme/effective-settings", null).body());
        assertThat(ruled.path("source").asText()).isEqualTo("organization rule");
        assertThat(ruled.path("passwordPolicy").path("length").asInt()).isEqualTo(40);
        assertThat(ruled.path("settings").path("frequencyDays").asInt()).isEqualTo(30);

        assertThat(send("DELETE", "/api/organization-rules/acme", null).statusCode()).isEqualTo(204);
        JsonNode global = json.readTree(send("GET", "/api/organizations/acme/effective-settings", null).body());
        assertThat(global.path("source").asText()).isEqualTo("global settings");
        assertThat(global.path("passwordPolicy").path("length").asInt()).isEqualTo(20);
        assertThat(send("DELETE", "/api/organization-rules/acme", null).statusCode()).isEqualTo(404);
    }

    @Test
    void theGlobalSwitchAndAnOrganizationsSwitchStopEveryRotation() throws Exception {
        DirectoryAccount bob = directory.findByEmail("acme", "bob@acme.test").orElseThrow();
        approvedMatch(bob.id(), "5002", "bob@acme.test");

        send("PUT", "/api/settings", settings(false, 20, 90));
        Rotation globallyOff = rotation.rotate(new RotationRequest("off-" + UUID.randomUUID(), "acme", bob.id(), "5002", Optional.empty(), "test"));
        send("PUT", "/api/settings", DEFAULTS);
        send("PUT", "/api/organization-rules/acme", settings(false, 20, 90));
        Rotation ruleOff = rotation.rotate(new RotationRequest("rule-off-" + UUID.randomUUID(), "acme", bob.id(), "5002", Optional.empty(), "test"));

        assertThat(globallyOff.status()).isEqualTo(RotationStatus.NOT_PERMITTED);
        assertThat(globallyOff.reason()).contains("Enable Password Rotation is off");
        assertThat(ruleOff.status()).isEqualTo(RotationStatus.NOT_PERMITTED);
        assertThat(ruleOff.reason()).contains("the organization rule is off");
    }

    private static String settings(boolean enabled, int length, int frequency) {
        return "{\"rotationEnabled\":" + enabled + ",\"minimumLength\":" + length + ",\"uppercase\":true,\"lowercase\":true,"
                + "\"digit\":true,\"symbol\":true,\"scheduledRotation\":false,\"frequencyDays\":" + frequency
                + ",\"respectMinimumAge\":true}";
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("admin:test-admin-password".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
