package io.rotabot.ticketbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rotabot.testing.EndToEndEnvironment;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The ticket bot's guards over HTTP: global, per organization, and what is refused. */
class TicketBotSettingsApiTest extends EndToEndEnvironment {

    @Autowired
    TicketBotPolicies policies;

    private final ObjectMapper json = new ObjectMapper();
    private TicketBotSettings before;

    @AfterEach
    void backToTheGlobalSettings() throws Exception {
        if (before != null) {
            policies.updateGlobal(before);
        }
        api("DELETE", "/api/ticket-bot/organizations/acme", null, true);
    }

    @Test
    void anOrganizationsOwnSettingsOverrideTheGlobalOnesUntilDeleted() throws Exception {
        before = policies.global();
        HttpResponse<String> created = api("PUT", "/api/ticket-bot/organizations/acme",
                settings(false, 3, "[\"Office.Manager@ACME.test\"]"), true);
        HttpResponse<String> replaced = api("PUT", "/api/ticket-bot/organizations/acme", settings(true, 4, "[]"), true);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json.readTree(created.body()).path("authorisedContacts").toString()).isEqualTo("[\"office.manager@acme.test\"]");
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(policies.effectiveFor("acme").resetsPerHour()).isEqualTo(4);
        assertThat(policies.effectiveFor("globex")).isEqualTo(policies.global());

        assertThat(api("DELETE", "/api/ticket-bot/organizations/acme", null, true).statusCode()).isEqualTo(204);
        assertThat(api("DELETE", "/api/ticket-bot/organizations/acme", null, true).statusCode()).isEqualTo(404);
        assertThat(policies.effectiveFor("acme")).isEqualTo(policies.global());
        assertThat(api("GET", "/api/ticket-bot/settings", null, false).statusCode()).as("administrators only").isEqualTo(401);
    }

    @Test
    void invalidSettingsAreRefusedWithTheFieldAndNothingIsSaved() throws Exception {
        before = policies.global();
        List<HttpResponse<String>> refused = List.of(
                api("PUT", "/api/ticket-bot/settings", settings(true, 0, "[]"), true),
                api("PUT", "/api/ticket-bot/settings", settings(true, 5000, "[]"), true),
                api("PUT", "/api/ticket-bot/settings", settings(true, 10, "[\"not an address\"]"), true),
                api("PUT", "/api/ticket-bot/settings", settings(true, 10, "[]").replace("\"ticketResets\":true,", ""), true),
                api("PUT", "/api/ticket-bot/organizations/umbrella", settings(true, 10, "[]"), true),
                api("PUT", "/api/ticket-bot/settings", settings(true, 10, "[]").replace("10", "1.5"), true),
                api("PUT", "/api/ticket-bot/settings", settings(true, 10, "[\"<script>@x.test\"]"), true),
                api("PUT", "/api/ticket-bot/settings", settings(true, 10, "[null]"), true),
                api("PUT", "/api/ticket-bot/settings", "not json", true));

        assertThat(refused).allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400));
        assertThat(json.readTree(refused.get(0).body()).path("fields").toString()).isEqualTo("[\"resetsPerHour\"]");
        assertThat(json.readTree(refused.get(1).body()).path("fields").toString()).isEqualTo("[\"resetsPerHour\"]");
        assertThat(json.readTree(refused.get(2).body()).path("fields").toString()).isEqualTo("[\"authorisedContacts\"]");
        assertThat(json.readTree(refused.get(3).body()).path("fields").toString()).isEqualTo("[\"ticketResets\"]");
        assertThat(json.readTree(refused.get(4).body()).path("fields").toString()).isEqualTo("[\"organization\"]");
        assertThat(json.readTree(refused.get(5).body()).path("fields").toString()).isEqualTo("[\"resetsPerHour\"]");
        assertThat(json.readTree(refused.get(6).body()).path("fields").toString()).isEqualTo("[\"authorisedContacts\"]");
        assertThat(json.readTree(refused.get(7).body()).path("fields").toString()).isEqualTo("[\"authorisedContacts\"]");
        assertThat(refused.get(8).body()).contains("not the JSON").doesNotContain("io.rotabot");
        assertThat(policies.global()).as("nothing saved").isEqualTo(before);
        assertThat(policies.organizations()).doesNotContainKey("umbrella");
    }

    private static String settings(boolean ticketResets, int resetsPerHour, String contacts) {
        return "{\"ticketResets\":" + ticketResets + ",\"unlockOnReset\":true,\"mustChangeAtNextLogon\":false,\"resetsPerHour\":"
                + resetsPerHour + ",\"authorisedContacts\":" + contacts + "}";
    }
}
