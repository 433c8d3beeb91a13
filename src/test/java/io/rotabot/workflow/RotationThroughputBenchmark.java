package io.rotabot.workflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.awaitility.Awaitility.await;

import io.rotabot.directory.Directory;
import io.rotabot.matching.Approval;
import io.rotabot.rotation.RotationRequest;
import io.rotabot.rotation.RotationRequested;
import io.rotabot.rotation.RotationStatus;
import io.rotabot.rotation.Rotations;
import io.rotabot.testing.EndToEndEnvironment;
import io.rotabot.testing.VendorStubs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rotations per second end to end — password-rotation processes against the in-process directory and
 * local IT Glue stubs — next to a bare process of the same shape (two asynchronous service tasks with
 * nothing in them) on the same engine, in the same run. {@code mvn -Pbench test}; prints, asserts nothing.
 */
class RotationThroughputBenchmark extends EndToEndEnvironment {

    private static final int ROTATIONS = 300;

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    Rotations rotations;
    @Autowired
    Directory directory;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;

    @Test
    void rotationsPerSecondNextToABareProcess() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 4);
        List<String> names = new ArrayList<>();
        List<String> records = new ArrayList<>();
        for (int i = 0; i < ROTATIONS; i++) {
            names.add("t" + run + "-" + i);
            records.add("tp" + run + i + ":t" + run + "-" + i + "@acme.test");
        }
        List<String> accounts = newAcmeUsers(names);
        VendorStubs.itglueRecordList(ITGLUE, ACME_ITGLUE, records.toArray(String[]::new));
        var stored = aResponse().withStatus(200).withHeader("Content-Type", VendorStubs.JSON_API).withBody("{}")
                .withTransformers(VendorStubs.ITGlueReadBack.NAME).withTransformerParameter("organizationId", ACME_ITGLUE)
                .withTransformerParameter("username", "throughput");
        ITGLUE.stubFor(get(urlPathMatching("/passwords/tp.*")).willReturn(stored));
        ITGLUE.stubFor(patch(urlPathMatching("/passwords/tp.*")).willReturn(stored));
        matches.sync("acme");
        List<Approval> approvals = new ArrayList<>();
        for (int i = 0; i < ROTATIONS; i++) {
            approvals.add(new Approval(accounts.get(i), Optional.of("tp" + run + i)));
        }
        matches.approve("acme", approvals);

        BpmnModelInstance bare = Bpmn.createExecutableProcess("bare-shape").camundaHistoryTimeToLive(1)
                .startEvent().serviceTask("prepare").camundaAsyncBefore().camundaExpression("${true}")
                .exclusiveGateway().serviceTask("run").camundaAsyncBefore().camundaExpression("${true}")
                .endEvent().done();
        repository.createDeployment().addModelInstance("bare-shape.bpmn", bare).deploy();

        double bareRate = bareRate();
        String batch = "throughput-" + run;
        long start = System.nanoTime();
        transactions.executeWithoutResult(tx -> {
            for (int i = 0; i < ROTATIONS; i++) {
                events.publishEvent(new RotationRequested(RotationRequest.inBatch(batch, i, "acme", accounts.get(i),
                        "tp" + run + i, "benchmark")));
            }
        });
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() ->
                rotations.list(Optional.of("acme"), Optional.of(RotationStatus.SUCCESSFUL), Optional.of(batch), 1000).size() == ROTATIONS);
        double rotationRate = ROTATIONS / ((System.nanoTime() - start) / 1e9);
        double bareAgain = bareRate();

        System.out.printf("%nRotation throughput (%d each, job executor 4-8 threads, H2 in memory):%n", ROTATIONS);
        System.out.printf("  bare process of the same shape: %.1f /s before, %.1f /s after%n", bareRate, bareAgain);
        System.out.printf("  password rotations end to end:  %.1f /s%n", rotationRate);
        System.out.printf("  rotation / bare = %.2f%n%n", rotationRate / ((bareRate + bareAgain) / 2));
    }

    private double bareRate() {
        long start = System.nanoTime();
        List<String> ids = new ArrayList<>();
        transactions.executeWithoutResult(tx -> {
            for (int i = 0; i < ROTATIONS; i++) {
                ids.add(runtime.startProcessInstanceByKey("bare-shape").getId());
            }
        });
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() ->
                history.createHistoricProcessInstanceQuery().processDefinitionKey("bare-shape").finished().count()
                        >= countBefore + ROTATIONS);
        countBefore += ROTATIONS;
        return ROTATIONS / ((System.nanoTime() - start) / 1e9);
    }

    private long countBefore;
}
