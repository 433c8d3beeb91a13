package io.rotabot.workflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rotabot.directory.Directory;
import io.rotabot.matching.Approval;
import io.rotabot.policy.PasswordPolicies;
import io.rotabot.policy.RotationSettings;
import io.rotabot.rotation.PasswordRotation;
import io.rotabot.rotation.Rotation;
import io.rotabot.rotation.RotationRequest;
import io.rotabot.rotation.RotationStatus;
import io.rotabot.rotation.Rotations;
import io.rotabot.testing.EndToEndEnvironment;
import io.rotabot.testing.VendorStubs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The hourly schedule rotates what is due — never rotated, or last rotated longer ago than the
 * frequency — leaves out opted-out records and recent rotations, and never the connection's own bind account.
 */
class ScheduledRotationTest extends EndToEndEnvironment {

    @Autowired
    ManagementService management;
    @Autowired
    PasswordPolicies policies;
    @Autowired
    PasswordRotation rotation;
    @Autowired
    Rotations rotations;
    @Autowired
    Directory directory;

    @AfterEach
    void noRule() {
        policies.deleteRule("acme");
    }

    @Test
    void theScheduleRotatesWhatIsDueAndNothingElse() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 4);
        String due = newAcmeUser("s" + run + "due");
        String recent = newAcmeUser("s" + run + "recent");
        String optedOut = newAcmeUser("s" + run + "out");
        String service = directory.findByEmail("acme", "svc-rotabot@acme.test").orElseThrow().id();
        VendorStubs.itglueRecordList(ITGLUE, ACME_ITGLUE, "sch" + run + "1:s" + run + "due@acme.test",
                "sch" + run + "2:s" + run + "recent@acme.test", "sch" + run + "3:s" + run + "out@acme.test",
                "sch" + run + "4:svc-rotabot@acme.test");
        ITGLUE.stubFor(get(urlPathMatching("/passwords/sch.*")).willReturn(itglueDocument()));
        ITGLUE.stubFor(patch(urlPathMatching("/passwords/sch.*")).willReturn(itglueDocument()));
        matches.sync("acme");
        if (matches.approvedRecord("acme", service).isPresent()) {
            matches.remove("acme", List.of(service), false);
        }
        matches.approve("acme", List.of(new Approval(due, Optional.empty()), new Approval(recent, Optional.empty()),
                new Approval(optedOut, Optional.empty()), new Approval(service, Optional.empty())));
        assertThat(rotation.rotate(new RotationRequest("recent-" + run, "acme", recent, "sch" + run + "2", Optional.empty(), "test"))
                .status()).isEqualTo(RotationStatus.SUCCESSFUL);
        matches.optOutOfSchedule("acme", List.of(optedOut), true);
        policies.saveRule("acme", new RotationSettings(true, 20, true, true, true, true, true, 1, true));

        var hourly = management.createJobQuery().processDefinitionKey("scheduled-rotation").timers().singleResult();
        assertThat(hourly).as("the schedule's timer").isNotNull();
        management.executeJob(hourly.getId());

        Map<String, Rotation> scheduled = await().atMost(Duration.ofSeconds(60)).until(() -> rotations
                .list(Optional.of("acme"), Optional.empty(), Optional.empty(), 1000).stream()
                .filter(r -> r.triggeredBy().equals("schedule") && List.of(due, recent, optedOut, service).contains(r.accountId()))
                .collect(Collectors.toMap(Rotation::accountId, r -> r, (a, b) -> a)),
                found -> found.size() == 2 && found.values().stream().allMatch(r -> r.status().finished()));
        assertThat(scheduled.get(due).status()).isEqualTo(RotationStatus.SUCCESSFUL);
        assertThat(scheduled.get(service).status()).isEqualTo(RotationStatus.ADMIN_NOT_PERMITTED);
        assertThat(scheduled.get(service).reason()).contains("never rotated in bulk or by schedule");
        assertThat(scheduled).doesNotContainKeys(recent, optedOut);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder itglueDocument() {
        return aResponse().withStatus(200).withHeader("Content-Type", VendorStubs.JSON_API).withBody("{}")
                .withTransformers(VendorStubs.ITGlueReadBack.NAME)
                .withTransformerParameter("organizationId", ACME_ITGLUE)
                .withTransformerParameter("username", "scheduled");
    }

}
