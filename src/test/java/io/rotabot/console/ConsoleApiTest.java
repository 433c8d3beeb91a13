package io.rotabot.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rotabot.testing.EndToEndEnvironment;
import io.rotabot.testing.VendorStubs;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The administrators' API and health over HTTP, as an administrator sees them, and what others see. */
class ConsoleApiTest extends EndToEndEnvironment {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theDiagnosisWalksTheConnectionStepByStep() throws Exception {
        HttpResponse<String> answer = api("GET", "/api/directories/acme/diagnosis", null, true);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode diagnosis = json.readTree(answer.body()).path(0);
        assertThat(diagnosis.path("target").asText()).startsWith("ldaps://localhost:");
        assertThat(diagnosis.path("steps").path(4).path("name").asText()).isEqualTo("bind");
        assertThat(diagnosis.path("steps").path(4).path("outcome").asText()).isEqualTo("PASSED");
        assertThat(answer.body()).doesNotContain("Demo-Svc-Passw0rd-acme!");
    }

    @Test
    void theAccountsAreListedForMatchingWithoutSecrets() throws Exception {
        JsonNode accounts = json.readTree(api("GET", "/api/directories/acme/accounts", null, true).body());

        assertThat(accounts.findValuesAsText("samAccountName")).contains("alice", "bob", "adm-dave");
        assertThat(accounts.toString()).doesNotContainIgnoringCase("password\":\"");
    }

    @Test
    void healthShowsEachDirectoryWithoutCredentials() throws Exception {
        HttpResponse<String> health = api("GET", "/actuator/health/directories", null, true);

        assertThat(health.statusCode()).as("initech's directory is down").isEqualTo(503);
        JsonNode acme = json.readTree(health.body()).path("components").path("acme");
        JsonNode initech = json.readTree(health.body()).path("components").path("initech");
        assertThat(acme.path("status").asText()).isEqualTo("UP");
        assertThat(acme.path("details").path("ACTIVE_DIRECTORY").asText()).startsWith("connected to localhost:");
        assertThat(initech.path("status").asText()).isEqualTo("DOWN");
        assertThat(initech.path("details").path("ACTIVE_DIRECTORY").asText()).contains("No domain controller of initech answered");
        assertThat(health.body()).doesNotContain("Demo-Svc-Passw0rd-acme!").doesNotContain("Rotabot Service");
    }

    @Test
    void unknownOrganizationsAndStrangersAreRefused() throws Exception {
        assertThat(api("GET", "/api/directories/umbrella/diagnosis", null, true).statusCode()).isEqualTo(404);
        assertThat(api("GET", "/api/directories/acme/diagnosis", null, false).statusCode()).isEqualTo(401);
        assertThat(api("GET", "/api/directories/acme/accounts", null, false).statusCode()).isEqualTo(401);
    }

    @Test
    void matchingOverHttpSyncsListsAndRefusesBadMovesWithAReason() throws Exception {
        VendorStubs.itglueRecordList(ITGLUE, ACME_ITGLUE, "5001:alice@acme.test", "5002:bob@acme.test", "5003:ACME\\adm-dave");

        HttpResponse<String> sync = api("POST", "/api/organizations/acme/matches/sync", "", true);
        JsonNode page = json.readTree(api("GET", "/api/organizations/acme/matches?state=UNMATCHED&size=2", null, true).body());
        HttpResponse<String> several = api("POST", "/api/organizations/acme/matches/approve",
                "{\"approvals\":[{\"accountId\":\"no-such-account\"}]}", true);
        HttpResponse<String> empty = api("POST", "/api/organizations/acme/matches/ignore", "{\"accountIds\":[]}", true);
        HttpResponse<String> tooBig = api("GET", "/api/organizations/acme/matches?size=1000", null, true);
        HttpResponse<String> badState = api("GET", "/api/organizations/acme/matches?state=SOMETIMES", null, true);

        assertThat(sync.statusCode()).isEqualTo(200);
        assertThat(json.readTree(sync.body()).path("records").asInt()).isEqualTo(3);
        assertThat(page.path("size").asInt()).isEqualTo(2);
        assertThat(page.path("items")).hasSizeLessThanOrEqualTo(2);
        assertThat(page.path("items").path(0).path("suggestion").asText()).as("single suggestions first").isEqualTo("single");
        assertThat(page.path("items").path(0).path("suggestions").path(0).path("resourceUrl").asText()).startsWith("https://msp.itglue.com/");
        assertThat(several.statusCode()).isEqualTo(400);
        assertThat(json.readTree(several.body()).path("detail").asText()).contains("no account [no-such-account]");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(tooBig.statusCode()).isEqualTo(400);
        assertThat(badState.statusCode()).isEqualTo(400);
        assertThat(api("POST", "/api/organizations/acme/matches/sync", "", false).statusCode()).isEqualTo(401);
        JsonNode found = json.readTree(api("GET", "/api/organizations/acme/matches/records?search=DAVE", null, true).body());
        assertThat(found.findValuesAsText("id")).containsExactly("5003");
        assertThat(json.readTree(api("GET", "/api/organizations/acme/matches/records?search=%25", null, true).body())).as("% is a character").isEmpty();
        assertThat(api("GET", "/api/organizations/acme/matches/records?search=", null, true).statusCode()).isEqualTo(400);
    }

    @Test
    void theSandboxPathsAreClosedOutsideTheDemo() throws Exception {
        assertThat(api("GET", "/sandbox/tickets/1", null, false).statusCode()).isIn(401, 403);
        assertThat(api("GET", "/sandbox/tickets/1", null, true).statusCode()).isEqualTo(403);
        assertThat(api("POST", "/sandbox/tickets", "{}", true).statusCode()).isEqualTo(403);
    }

    @Test
    void aSecretIsEncryptedForConfigurationAndNeverEchoed() throws Exception {
        HttpResponse<String> encrypted = api("POST", "/api/secrets", "{\"value\":\"Svc-Passw0rd-2026!\"}", true);
        HttpResponse<String> blank = api("POST", "/api/secrets", "{\"value\":\"\"}", true);
        HttpResponse<String> stranger = api("POST", "/api/secrets", "{\"value\":\"x\"}", false);

        assertThat(encrypted.statusCode()).isEqualTo(200);
        assertThat(json.readTree(encrypted.body()).path("encrypted").asText()).startsWith("{cipher}");
        assertThat(encrypted.body()).doesNotContain("Svc-Passw0rd-2026!");
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(stranger.statusCode()).isEqualTo(401);
    }

}
