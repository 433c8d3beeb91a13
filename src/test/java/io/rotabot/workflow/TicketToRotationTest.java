package io.rotabot.workflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.rotabot.directory.Directory;
import io.rotabot.directory.DirectoryAccount;
import io.rotabot.matching.Approval;
import io.rotabot.testing.EndToEndEnvironment;
import io.rotabot.testing.VendorStubs;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A signed Autotask webhook in, over HTTP, to a password change in LDAP, a new vault revision and a ticket note. */
@ExtendWith(OutputCaptureExtension.class)
class TicketToRotationTest extends EndToEndEnvironment {

    private static final String ALICE_DN = "CN=Alice Anders,CN=Users,DC=acme,DC=test";
    private static final long ALICE_CONTACT = 30_682_001;

    @Autowired
    ManagementService management;
    @Autowired
    Directory directory;
    @Autowired
    JdbcClient jdbc;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void aliceIsMatchedToHerVaultRecord() {
        DirectoryAccount alice = directory.findByEmail("acme", "alice@acme.test").orElseThrow();
        VendorStubs.itglueRecordList(ITGLUE, ACME_ITGLUE, "5001:alice@acme.test", "5002:bob@acme.test");
        matches.sync("acme");
        if (matches.approvedRecord("acme", alice.id()).isEmpty()) {
            matches.approve("acme", List.of(new Approval(alice.id(), Optional.empty())));
        }
        VendorStubs.autotaskContact(AUTOTASK, ALICE_CONTACT, ACME_COMPANY, "alice@acme.test");
        VendorStubs.itglueRecord(ITGLUE, "5001", ACME_ITGLUE, "alice@acme.test");
    }

    @Test
    void aResetTicketBecomesARotationAndANoteWithTheRecordsLink(CapturedOutput output) throws Exception {
        VendorStubs.autotaskTicket(AUTOTASK, 351181, ACME_COMPANY, ALICE_CONTACT, "Forgot my password",
                "Hi, I forgot my password and I am locked out. Alice");

        HttpResponse<String> answer = deliver(webhook(351181, "Create"));

        assertThat(answer.statusCode()).isEqualTo(202);
        HistoricProcessInstance process = awaitTicketProcessEnded(351181);
        assertThat(process.getEndActivityId()).isEqualTo("endDone");

        String newPassword = patchedPassword("5001");
        assertThat(binds(ALICE_DN, newPassword)).as("the directory has the password the vault got").isTrue();
        assertThat(binds(ALICE_DN, "Initial-Passw0rd-alice!")).as("the old password").isFalse();

        List<LoggedRequest> notes = AUTOTASK.findAll(postRequestedFor(urlPathEqualTo("/ATServicesRest/V1.0/Tickets/351181/Notes")));
        assertThat(notes).hasSize(1);
        JsonNode note = json.readTree(notes.get(0).getBodyAsString());
        assertThat(note.path("description").asText()).contains(VendorStubs.resourceUrl(ACME_ITGLUE, "5001"))
                .doesNotContain(newPassword);
        assertThat(note.path("ticketID").asLong()).isEqualTo(351181);

        JsonNode rotations = json.readTree(api("GET", "/api/rotations?limit=1", null, true).body());
        assertThat(rotations.path(0).path("status").asText()).isEqualTo("Successful");
        assertThat(rotations.path(0).path("journalState").asText()).isEqualTo("DONE");
        assertThat(rotations.path(0).path("policy").asText()).isEqualTo("20 characters; upper, lower, digit, symbol; global settings");
        assertThat(rotations.path(0).path("triggeredBy").asText()).isEqualTo("ticket 351181");
        assertThat(rotations.path(0).path("vaultRevision").asText()).as("IT Glue's time of the new revision").isNotEmpty();
        assertThat(rotations.toString()).doesNotContain(newPassword);
        assertThat(api("GET", "/api/audit", null, true).body()).as("audit trail")
                .contains("rotation " + rotations.path(0).path("id").asText()).doesNotContain(newPassword);
        assertThat(jdbc.sql("select count(*) from rotations where new_password_ciphertext is not null and ticket_id = 351181")
                .query(Integer.class).single()).as("ciphertext wiped when done").isZero();

        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(process.getId()).list())
                .as("process variables").noneMatch(v -> String.valueOf(v.getValue()).contains(newPassword));
        assertThat(output.getAll()).as("logs").doesNotContain(newPassword);
    }

    @Test
    void aVaultOutageLeavesTheRotationVaultUpdatePendingAndItsNextTryStoresTheSamePassword() throws Exception {
        VendorStubs.autotaskTicket(AUTOTASK, 351185, ACME_COMPANY, ALICE_CONTACT, "Password expired", "My password expired, reset please");
        ITGLUE.stubFor(patch(urlPathEqualTo("/passwords/5001")).atPriority(1).willReturn(aResponse().withStatus(503)));

        deliver(webhook(351185, "Create"));

        String[] journal = await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                        "select state, status, new_password_ciphertext from rotations where ticket_id = 351185")
                .query((row, i) -> new String[] {row.getString(1), row.getString(2), row.getString(3)}).optional().orElse(null),
                row -> row != null && row[1].equals("VAULT_UPDATE_PENDING"));
        assertThat(journal[0]).as("the directory has it").isEqualTo("DIRECTORY_SET");
        assertThat(journal[2]).as("the password the directory has is kept").isNotNull();
        assertThat(management.createJobQuery().withException().count()).as("an outage fails no job").isZero();
        List<LoggedRequest> refused = ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/5001")));
        String inDirectory = json.readTree(refused.get(0).getBodyAsString()).path("data").path("attributes").path("password").asText();
        assertThat(binds(ALICE_DN, inDirectory)).isTrue();

        ITGLUE.resetAll();
        VendorStubs.itglueRecord(ITGLUE, "5001", ACME_ITGLUE, "alice@acme.test");

        assertThat(awaitTicketProcessEnded(351185).getEndActivityId()).isEqualTo("endDone");
        assertThat(patchedPassword("5001")).isEqualTo(inDirectory);
        assertThat(binds(ALICE_DN, inDirectory)).isTrue();
    }

    @Test
    void aTicketThatIsNoResetEndsWithoutRotationOrNote() throws Exception {
        VendorStubs.autotaskTicket(AUTOTASK, 351184, ACME_COMPANY, ALICE_CONTACT, "Wi-Fi password",
                "I forgot the wifi password of the guest network");

        deliver(webhook(351184, "Create"));

        assertThat(awaitTicketProcessEnded(351184).getEndActivityId()).isEqualTo("endNotReset");
        assertThat(AUTOTASK.findAll(postRequestedFor(urlPathEqualTo("/ATServicesRest/V1.0/Tickets/351184/Notes")))).isEmpty();
        assertThat(ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/5001")))).isEmpty();
    }

    private String patchedPassword(String recordId) throws Exception {
        List<LoggedRequest> patches = ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/" + recordId)));
        assertThat(patches).hasSize(1);
        JsonNode attributes = json.readTree(patches.get(0).getBodyAsString()).path("data").path("attributes");
        assertThat(attributes.fieldNames()).toIterable().containsExactlyInAnyOrder("password", "password-updated-at");
        return attributes.path("password").asText();
    }
}
