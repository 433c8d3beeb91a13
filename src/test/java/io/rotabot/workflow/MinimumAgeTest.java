package io.rotabot.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.rotabot.directory.Directory;
import io.rotabot.directory.DirectoryAccount;
import io.rotabot.matching.Approval;
import io.rotabot.policy.PasswordPolicies;
import io.rotabot.policy.RotationSettings;
import io.rotabot.rotation.PasswordRotation;
import io.rotabot.rotation.Rotation;
import io.rotabot.rotation.RotationRequest;
import io.rotabot.rotation.RotationRequested;
import io.rotabot.rotation.RotationStatus;
import io.rotabot.rotation.Rotations;
import io.rotabot.testing.EndToEndEnvironment;
import io.rotabot.testing.VendorStubs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Globex's domain keeps a password at least a day: a second rotation the same day waits on a timer in
 * its process, says until when, and runs when it may.
 */
class MinimumAgeTest extends EndToEndEnvironment {

    @Autowired
    PasswordRotation rotation;
    @Autowired
    Rotations rotations;
    @Autowired
    Directory directory;
    @Autowired
    PasswordPolicies policies;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    ManagementService management;
    @Autowired
    RuntimeService runtime;
    @Autowired
    OrphanedRotations orphans;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @AfterEach
    void noRule() {
        policies.deleteRule("globex");
    }

    @Test
    void aPasswordTooYoungToChangeWaitsForItsTimeAndThenRotates() {
        DirectoryAccount carol = carolMatched();
        Rotation first = rotation.rotate(request(carol));
        assertThat(first.status()).as(first.reason()).isEqualTo(RotationStatus.SUCCESSFUL);

        RotationRequest second = request(carol);
        transactions.executeWithoutResult(tx -> events.publishEvent(new RotationRequested(second)));

        Rotation waiting = await().atMost(Duration.ofSeconds(30)).until(
                () -> rotations.list(Optional.of("globex"), Optional.of(RotationStatus.WAITING_FOR_MINIMUM_AGE),
                        Optional.empty(), 10).stream().filter(r -> r.requestKey().equals(second.requestKey())).findFirst()
                        .orElse(null), r -> r != null);
        assertThat(waiting.status().label()).isEqualTo("Waiting for minimum password age");
        assertThat(waiting.reason()).contains("24 h, domain policy").contains("allows the next change at");
        assertThat(waiting.eligibleAt()).hasValueSatisfying(at ->
                assertThat(at).isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25))));
        Job timer = await().until(() -> management.createJobQuery().timers().processInstanceId(
                processOf(second.requestKey())).singleResult(), j -> j != null);
        assertThat(timer.getDuedate().toInstant())
                .isEqualTo(waiting.eligibleAt().orElseThrow().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));

        String process = timer.getProcessInstanceId();
        management.executeJob(timer.getId());
        Job again = await().atMost(Duration.ofSeconds(30)).until(() -> management.createJobQuery().timers()
                .processInstanceId(process).singleResult(), j -> j != null);
        assertThat(rotations.find(waiting.id()).orElseThrow().status()).as("checked again, still too young: waits again")
                .isEqualTo(RotationStatus.WAITING_FOR_MINIMUM_AGE);

        policies.saveRule("globex", new RotationSettings(true, 20, true, true, true, true, false, 90, false));
        management.executeJob(again.getId());

        Rotation done = await().atMost(Duration.ofSeconds(30)).until(() -> rotations.find(waiting.id()).orElseThrow(),
                r -> r.status() == RotationStatus.SUCCESSFUL);
        assertThat(done.triggeredBy()).isEqualTo("test");
    }

    @Test
    void aWaitingRotationWhoseProcessWasDeletedIsReleasedByTheSweepAndItsAccountIsFreeAgain() {
        DirectoryAccount carol = carolMatched();
        policies.saveRule("globex", new RotationSettings(true, 20, true, true, true, true, false, 90, false));
        assertThat(rotation.rotate(request(carol)).status()).as("a young password").isEqualTo(RotationStatus.SUCCESSFUL);
        policies.deleteRule("globex");
        RotationRequest second = request(carol);
        transactions.executeWithoutResult(tx -> events.publishEvent(new RotationRequested(second)));
        Rotation waiting = await().atMost(Duration.ofSeconds(30)).until(() -> rotations.list(Optional.of("globex"),
                Optional.of(RotationStatus.WAITING_FOR_MINIMUM_AGE), Optional.empty(), 10).stream()
                .filter(r -> r.requestKey().equals(second.requestKey())).findFirst().orElse(null), r -> r != null);
        String process = await().until(() -> processOf(second.requestKey()), p -> !p.equals("none"));
        // cancelled in Cockpit: nothing would ever carry the rotation on, and it holds the account
        runtime.deleteProcessInstance(process, "cancelled by an operator");
        orphans.sweep();
        assertThat(rotations.find(waiting.id()).orElseThrow().status()).as("touched within the interval: left alone")
                .isEqualTo(RotationStatus.WAITING_FOR_MINIMUM_AGE);
        jdbc.sql("update rotations set updated_at = ? where id = ?")
                .params(java.sql.Timestamp.from(Instant.now().minus(Duration.ofHours(1))), waiting.id()).update();

        orphans.sweep();

        Rotation released = rotations.find(waiting.id()).orElseThrow();
        assertThat(released.status()).isEqualTo(RotationStatus.FAILED);
        assertThat(released.reason()).isEqualTo("released: its process is gone");
        policies.saveRule("globex", new RotationSettings(true, 20, true, true, true, true, false, 90, false));
        assertThat(rotation.rotate(request(carol)).status()).as("the account is free again").isEqualTo(RotationStatus.SUCCESSFUL);
    }

    @Test
    void aTicketHearsThatItsResetWaitsAndThenThatItIsDone() throws Exception {
        DirectoryAccount carol = carolMatched();
        policies.saveRule("globex", new RotationSettings(true, 20, true, true, true, true, false, 90, false));
        assertThat(rotation.rotate(request(carol)).status()).as("a young password").isEqualTo(RotationStatus.SUCCESSFUL);
        policies.deleteRule("globex");
        VendorStubs.autotaskContact(AUTOTASK, 40_200_401, GLOBEX_COMPANY, "carol@globex.test");
        VendorStubs.autotaskTicket(AUTOTASK, 366001, GLOBEX_COMPANY, 40_200_401, "Password expired",
                "My password expired and I cannot log in. Please reset it. Carol");

        deliver(webhook(366001, "Create"));

        String waitingNote = await().atMost(Duration.ofSeconds(30)).until(() -> notes(366001), n -> n.size() == 1).get(0);
        assertThat(waitingNote).matches("(?s)The password of carol@globex.test will be reset at 20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC: .*")
                .contains("minimum password age does not allow it earlier");
        Rotation waiting = rotations.list(Optional.of("globex"), Optional.of(RotationStatus.WAITING_FOR_MINIMUM_AGE),
                Optional.empty(), 10).stream().filter(r -> r.ticketId().equals(Optional.of(366001L))).findFirst().orElseThrow();
        Job timer = await().until(() -> management.createJobQuery().timers().list().stream()
                .filter(j -> j.getExecutionId() != null)
                .filter(j -> waiting.id().equals(runtime.getVariable(j.getExecutionId(), "rotationId"))).findFirst().orElse(null),
                j -> j != null);

        policies.saveRule("globex", new RotationSettings(true, 20, true, true, true, true, false, 90, false));
        management.executeJob(timer.getId());

        assertThat(awaitTicketProcessEnded(366001).getEndActivityId()).isEqualTo("endDone");
        assertThat(notes(366001)).hasSize(2).last().asString().startsWith("The password of carol@globex.test was reset and verified");
    }

    private List<String> notes(long ticketId) {
        return AUTOTASK.findAll(postRequestedFor(urlPathEqualTo("/ATServicesRest/V1.0/Tickets/" + ticketId + "/Notes"))).stream()
                .map(r -> {
                    try {
                        return new ObjectMapper().readTree(r.getBodyAsString()).path("description").asText();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    private DirectoryAccount carolMatched() {
        DirectoryAccount carol = directory.findByEmail("globex", "carol@globex.test").orElseThrow();
        VendorStubs.itglueRecordList(ITGLUE, GLOBEX_ITGLUE, "6001:carol@globex.test");
        VendorStubs.itglueRecord(ITGLUE, "6001", GLOBEX_ITGLUE, "carol@globex.test");
        matches.sync("globex");
        if (matches.approvedRecord("globex", carol.id()).isEmpty()) {
            matches.approve("globex", List.of(new Approval(carol.id(), Optional.empty())));
        }
        return carol;
    }

    private String processOf(String requestKey) {
        return management.createJobQuery().list().stream().map(Job::getProcessInstanceId).filter(id -> id != null)
                .filter(id -> requestKey.equals(businessKey(id))).findFirst().orElse("none");
    }

    private String businessKey(String processInstanceId) {
        var instance = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        return instance == null ? null : instance.getBusinessKey();
    }

    private static RotationRequest request(DirectoryAccount carol) {
        return new RotationRequest("age-" + UUID.randomUUID(), "globex", carol.id(), "6001", Optional.empty(), "test");
    }
}
