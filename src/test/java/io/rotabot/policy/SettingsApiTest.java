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
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Global settings and organization rules over HTTP, and what they do to a rotation. */
class SettingsApiTest extends EndToEndEnvironment {

    private static final String DEFAULTS = settings(true, 20, 90);

    @Autowired
    PasswordPolicies policies;
    @Autowired
    PasswordRotation rotation;
    @Autowired
    Directory directory;

    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void backToTheDefaults() throws Exception {
        api("PUT", "/api/settings", DEFAULTS, true);
        api("DELETE", "/api/organization-rules/acme", null, true);
    }

    @Test
    void invalidSettingsAreRefusedWithTheFieldAndNothingIsSaved() throws Exception {
        HttpResponse<String> tooShort = api("PUT", "/api/settings", settings(true, 3, 90), true);
        HttpResponse<String> never = api("PUT", "/api/settings", settings(true, 20, 0), true);
        HttpResponse<String> noClass = api("PUT", "/api/settings", DEFAULTS.replace("\"uppercase\":true,\"lowercase\":true,"
                + "\"digit\":true,\"symbol\":true", "\"uppercase\":false,\"lowercase\":false,\"digit\":false,\"symbol\":false"), true);
        HttpResponse<String> typo = api("PUT", "/api/settings", DEFAULTS.replace("minimumLength", "minimumLenght"), true);
        HttpResponse<String> unknown = api("PUT", "/api/organization-rules/umbrella", DEFAULTS, true);

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
        assertThat(api("PUT", "/api/organization-rules/acme", settings(true, 32, 30), true).statusCode()).isEqualTo(201);
        assertThat(api("PUT", "/api/organization-rules/acme", settings(true, 40, 30), true).statusCode()).isEqualTo(200);

        JsonNode ruled = json.readTree(api("GET", "/api/organizations/acme/effective-settings", null, true).body());
        assertThat(ruled.path("source").asText()).isEqualTo("organization rule");
        assertThat(ruled.path("passwordPolicy").path("length").asInt()).isEqualTo(40);
        assertThat(ruled.path("settings").path("frequencyDays").asInt()).isEqualTo(30);

        assertThat(api("DELETE", "/api/organization-rules/acme", null, true).statusCode()).isEqualTo(204);
        JsonNode global = json.readTree(api("GET", "/api/organizations/acme/effective-settings", null, true).body());
        assertThat(global.path("source").asText()).isEqualTo("global settings");
        assertThat(global.path("passwordPolicy").path("length").asInt()).isEqualTo(20);
        assertThat(api("DELETE", "/api/organization-rules/acme", null, true).statusCode()).isEqualTo(404);
    }

    @Test
    void theGlobalSwitchAndAnOrganizationsSwitchStopEveryRotation() throws Exception {
        DirectoryAccount bob = directory.findByEmail("acme", "bob@acme.test").orElseThrow();
        approvedMatch(bob.id(), "5002", "bob@acme.test");

        api("PUT", "/api/settings", settings(false, 20, 90), true);
        Rotation globallyOff = rotation.rotate(new RotationRequest("off-" + UUID.randomUUID(), "acme", bob.id(), "5002", Optional.empty(), "test"));
        api("PUT", "/api/settings", DEFAULTS, true);
        api("PUT", "/api/organization-rules/acme", settings(false, 20, 90), true);
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

}
