package io.rotabot.workflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
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
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
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
 * frequency — leaves out opted-out records and recent rotations, and, without a row or an e-mail, the
 * connection's own bind account and accounts that cannot sign in; a pair it failed to rotate waits for the backoff.
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
        String disabled = newAcmeUser("s" + run + "off");
        String restricted = newAcmeUser("s" + run + "locked");
        String service = directory.findByEmail("acme", "svc-rotabot@acme.test").orElseThrow().id();
        try (LDAPConnection ldap = sandboxAdministrator()) {
            ldap.modify("CN=s" + run + "off,CN=Users,DC=acme,DC=test",
                    new Modification(ModificationType.REPLACE, "userAccountControl", "514"));
        }
        VendorStubs.itglueRecordList(ITGLUE, ACME_ITGLUE, "sch" + run + "1:s" + run + "due@acme.test",
                "sch" + run + "2:s" + run + "recent@acme.test", "sch" + run + "3:s" + run + "out@acme.test",
                "sch" + run + "4:svc-rotabot@acme.test", "sch" + run + "5:s" + run + "off@acme.test",
                "sch" + run + "6:s" + run + "locked@acme.test");
        ITGLUE.stubFor(get(urlPathMatching("/passwords/sch.*")).willReturn(itglueDocument()));
        ITGLUE.stubFor(patch(urlPathMatching("/passwords/sch.*")).willReturn(itglueDocument()));
        // a record the vault has since restricted: every rotation of it is Not Permitted
        ITGLUE.stubFor(get(urlPathMatching("/passwords/sch" + run + "6")).atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", VendorStubs.JSON_API).withBody("{\"data\":{\"id\":\"sch" + run + "6\","
                        + "\"type\":\"passwords\",\"attributes\":{\"organization-id\":" + ACME_ITGLUE + ",\"name\":\"locked\","
                        + "\"username\":\"s" + run + "locked@acme.test\",\"restricted\":true,\"archived\":false,"
                        + "\"resource-url\":\"" + VendorStubs.resourceUrl(ACME_ITGLUE, "sch" + run + "6") + "\"}}}")));
        matches.sync("acme");
        if (matches.approvedRecord("acme", service).isPresent()) {
            matches.remove("acme", List.of(service), false);
        }
        matches.approve("acme", List.of(new Approval(due, Optional.empty()), new Approval(recent, Optional.empty()),
                new Approval(optedOut, Optional.empty()), new Approval(service, Optional.empty()),
                new Approval(disabled, Optional.empty()), new Approval(restricted, Optional.empty())));
        assertThat(rotation.rotate(new RotationRequest("recent-" + run, "acme", recent, "sch" + run + "2", Optional.empty(), "test"))
                .status()).isEqualTo(RotationStatus.SUCCESSFUL);
        matches.optOutOfSchedule("acme", List.of(optedOut), true);
        policies.saveRule("acme", new RotationSettings(true, 20, true, true, true, true, true, 1, true));
        List<String> accounts = List.of(due, recent, optedOut, service, disabled, restricted);
        int mailsBefore = SMTP.getReceivedMessages().length;

        runTheSchedule();

        Map<String, List<Rotation>> scheduled = await().atMost(Duration.ofSeconds(60)).until(() -> scheduled(accounts),
                found -> found.size() == 2 && found.values().stream().flatMap(List::stream).allMatch(r -> r.status().finished()));
        assertThat(scheduled.get(due)).singleElement().extracting(Rotation::status).isEqualTo(RotationStatus.SUCCESSFUL);
        assertThat(scheduled.get(restricted)).singleElement().extracting(Rotation::status).isEqualTo(RotationStatus.NOT_PERMITTED);
        assertThat(scheduled).as("no row for the bind account, the disabled one, an opted-out or a recent one")
                .doesNotContainKeys(service, disabled, optedOut, recent);
        assertThat(Arrays.stream(SMTP.getReceivedMessages()).skip(mailsBefore).map(ScheduledRotationTest::subject))
                .noneMatch(subject -> subject.contains("svc-rotabot") || subject.contains("s" + run + "off"));

        // an hour has not passed since the failure: the next run leaves the pair alone, and the rotated one too
        runTheSchedule();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> scheduled(accounts),
                found -> found.get(restricted).size() == 1 && found.get(due).size() == 1 && found.size() == 2);
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the schedule's timer would do at its hour, now. */
    private void runTheSchedule() {
        var hourly = management.createJobQuery().processDefinitionKey("scheduled-rotation").timers().singleResult();
        assertThat(hourly).as("the schedule's timer").isNotNull();
        management.executeJob(hourly.getId());
    }

    private Map<String, List<Rotation>> scheduled(List<String> accounts) {
        return rotations.list(Optional.of("acme"), Optional.empty(), Optional.empty(), 1000).stream()
                .filter(r -> r.triggeredBy().equals("schedule") && accounts.contains(r.accountId()))
                .collect(Collectors.groupingBy(Rotation::accountId));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder itglueDocument() {
        return aResponse().withStatus(200).withHeader("Content-Type", VendorStubs.JSON_API).withBody("{}")
                .withTransformers(VendorStubs.ITGlueReadBack.NAME)
                .withTransformerParameter("organizationId", ACME_ITGLUE)
                .withTransformerParameter("username", "scheduled");
    }

}
