package io.rotabot.workflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.rotabot.directory.Directory;
import io.rotabot.matching.Approval;
import io.rotabot.testing.EndToEndEnvironment;
import io.rotabot.testing.TicketIncidents;
import io.rotabot.testing.VendorStubs;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Vendors down for a while: Autotask answering 503 and timing out, IT Glue timing out and failing, then
 * both recovering. The engine's own job executor runs the ticket processes with the outage retry cycle
 * shortened to 20 waits of 2 s (the shipped cycle's span is {@link RetryCyclesTest}'s), on a database of its own
 * so that "no incident" means none anywhere. Also the retry of a ticket whose process stopped in an
 * incident, over the API.
 */
class VendorOutageTest extends EndToEndEnvironment {

    private static final String ALICE_DN = "CN=Alice Anders,CN=Users,DC=acme,DC=test";
    private static final String BOB_DN = "CN=Bob Brown,CN=Users,DC=acme,DC=test";
    private static final long ALICE_CONTACT = 30_684_001;
    private static final long BOB_CONTACT = 30_684_002;
    private static final long STRANGER_CONTACT = 30_684_999;
    /** More failures than the old cycle (R5/PT30S) allowed before an incident. */
    private static final int FAILURES_BEYOND_THE_OLD_CYCLE = 6;
    private static final String AUTOTASK_DOWN = "{\"errors\":[\"The service is temporarily unavailable. Please try again later.\"]}";

    @Autowired
    ManagementService management;
    @Autowired
    Directory directory;
    @Autowired
    JdbcClient jdbc;

    private final ObjectMapper json = new ObjectMapper();

    @DynamicPropertySource
    static void shortOutagesOnADatabaseOfItsOwn(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", () -> "jdbc:h2:mem:outage;DB_CLOSE_DELAY=-1");
        properties.add("rotabot.workflow.outage-retry-cycle", () -> String.join(",", Collections.nCopies(20, "PT2S")));
        properties.add("rotabot.autotask.read-timeout", () -> "1s");
        properties.add("rotabot.autotask.max-attempts", () -> "2");
        properties.add("rotabot.autotask.breaker-open-wait", () -> "1s");
        properties.add("rotabot.itglue.read-timeout", () -> "3s");
    }

    @BeforeEach
    void aliceAndBobAreMatched() {
        VendorStubs.itglueRecordList(ITGLUE, ACME_ITGLUE, "5001:alice@acme.test", "5002:bob@acme.test");
        matches.sync("acme");
        for (String[] pair : new String[][] {{"alice@acme.test", "5001"}, {"bob@acme.test", "5002"}}) {
            String account = directory.findByEmail("acme", pair[0]).orElseThrow().id();
            if (matches.approvedRecord("acme", account).isEmpty()) {
                matches.approve("acme", List.of(new Approval(account, Optional.of(pair[1]))));
            }
        }
        VendorStubs.autotaskContact(AUTOTASK, ALICE_CONTACT, ACME_COMPANY, "alice@acme.test");
        VendorStubs.autotaskContact(AUTOTASK, BOB_CONTACT, ACME_COMPANY, "bob@acme.test");
        VendorStubs.itglueRecord(ITGLUE, "5001", ACME_ITGLUE, "alice@acme.test");
        VendorStubs.itglueRecord(ITGLUE, "5002", ACME_ITGLUE, "bob@acme.test");
    }

    @Test
    void ticketsRideOutVendorsThatAreDownForAWhileAndEachIsAnsweredOnceWithoutAnIncident() throws Exception {
        VendorStubs.autotaskTicket(AUTOTASK, 356001, ACME_COMPANY, ALICE_CONTACT, "Forgot my password",
                "Hi, I forgot my password and I am locked out. Alice");
        VendorStubs.autotaskTicket(AUTOTASK, 356002, ACME_COMPANY, BOB_CONTACT, "Password expired", "My password expired, reset please");
        VendorStubs.autotaskTicket(AUTOTASK, 356003, ACME_COMPANY, STRANGER_CONTACT, "Forgot my password",
                "I forgot my password, please reset it");
        List<StubMapping> autotaskDown = List.of(
                AUTOTASK.stubFor(any(urlPathMatching("/ATServicesRest/.*")).atPriority(2).willReturn(autotask(503, AUTOTASK_DOWN))),
                AUTOTASK.stubFor(get(urlPathEqualTo("/ATServicesRest/V1.0/Tickets/356001")).atPriority(1)
                        .willReturn(autotask(200, "{\"item\":{\"id\":356001}}").withFixedDelay(2_000))));
        // IT Glue times out once and fails once: each within one call's two tries
        itglueOnce(patch(urlPathEqualTo("/passwords/5001")), "alice", aResponse().withStatus(200).withFixedDelay(4_000));
        itglueOnce(get(urlPathEqualTo("/passwords/5002")), "bob", aResponse().withStatus(503).withHeader("Content-Type",
                VendorStubs.JSON_API).withBody("{\"errors\":[{\"status\":\"503\",\"title\":\"Service Unavailable\"}]}"));

        for (long ticket : new long[] {356001, 356002, 356003}) {
            deliver(webhook(ticket, "Create"));
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> fetchFailures(356001) >= FAILURES_BEYOND_THE_OLD_CYCLE
                && fetchFailures(356002) >= FAILURES_BEYOND_THE_OLD_CYCLE && fetchFailures(356003) >= FAILURES_BEYOND_THE_OLD_CYCLE);
        autotaskDown.forEach(AUTOTASK::removeStub);

        for (long ticket : new long[] {356001, 356002, 356003}) {
            assertThat(awaitTicketProcessEnded(ticket).getEndActivityId()).as("ticket " + ticket).isEqualTo("endDone");
            assertThat(ticketProcesses(ticket)).as("one process for ticket " + ticket).isEqualTo(1);
            assertThat(notesPosted(ticket)).as("one answer to ticket " + ticket).hasSize(1);
        }
        assertThat(history.createHistoricIncidentQuery().count()).as("incidents, in any process").isZero();
        assertThat(notesPosted(356001).get(0)).contains("The password of alice@acme.test was reset");
        assertThat(notesPosted(356003).get(0)).contains("No password was reset");
        assertThat(binds(ALICE_DN, lastPatchedPassword("5001"))).as("Alice's directory holds what the vault got").isTrue();
        assertThat(binds(BOB_DN, lastPatchedPassword("5002"))).as("Bob's directory holds what the vault got").isTrue();
        assertThat(jdbc.sql("select count(*) from rotations where ticket_id in (356001, 356002)").query(Integer.class).single())
                .as("one rotation per ticket").isEqualTo(2);

        HttpResponse<String> again = api("POST", "/api/tickets/356001/retry", null, true);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json.readTree(again.body()).path("detail").asText())
                .startsWith("Ticket 356001's process has no step that used up its retries: it ended (Ticket answered) at ");
    }

    @Test
    void aTicketWhoseProcessStoppedInAnIncidentIsRetriedFromTheApiAndNotStartedAgain() throws Exception {
        VendorStubs.autotaskTicket(AUTOTASK, 356010, ACME_COMPANY, ALICE_CONTACT, "Forgot my password",
                "Hi, I forgot my password and I am locked out. Alice");
        StubMapping down = AUTOTASK.stubFor(get(urlPathEqualTo("/ATServicesRest/V1.0/Tickets/356010")).atPriority(1)
                .willReturn(autotask(503, AUTOTASK_DOWN)));
        deliver(webhook(356010, "Create"));
        Job stopped = TicketIncidents.stopInAnIncident(history, management, 356010);
        assertThat(api("POST", "/api/tickets/356010/retry", null, false).statusCode()).as("a stranger").isEqualTo(401);
        AUTOTASK.removeStub(down);

        HttpResponse<String> retried = api("POST", "/api/tickets/356010/retry", null, true);

        assertThat(retried.statusCode()).isEqualTo(202);
        JsonNode answer = json.readTree(retried.body());
        assertThat(answer.path("result").asText()).isEqualTo("RETRIED");
        assertThat(answer.path("steps").toString()).isEqualTo("[\"fetchTicket\"]");
        assertThat(answer.path("detail").asText()).isEqualTo("Ticket 356010's process runs fetchTicket again, with 21 tries");
        assertThat(awaitTicketProcessEnded(356010).getEndActivityId()).isEqualTo("endDone");
        assertThat(ticketProcesses(356010)).isEqualTo(1);
        assertThat(notesPosted(356010)).singleElement().asString().contains("The password of alice@acme.test was reset");
        assertThat(history.createHistoricIncidentQuery().processInstanceId(stopped.getProcessInstanceId()).open().count())
                .as("the incident is resolved").isZero();
    }

    @Test
    void aTicketRotabotNeverSawCannotBeRetried() throws Exception {
        HttpResponse<String> unknown = api("POST", "/api/tickets/356999/retry", null, true);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).path("detail").asText()).startsWith("Rotabot has no process for ticket 356999");
    }

    /** IT Glue answers this request so once, then as usual. */
    private static void itglueOnce(MappingBuilder request, String scenario, ResponseDefinitionBuilder failure) {
        ITGLUE.stubFor(request.atPriority(1).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(failure));
    }

    private static ResponseDefinitionBuilder autotask(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    /** How often the ticket's fetch step has failed so far. */
    private long fetchFailures(long ticketId) {
        return process(ticketId).map(p -> history.createHistoricJobLogQuery().failureLog().processInstanceId(p.getId())
                .activityIdIn("fetchTicket").count()).orElse(0L);
    }

    private Optional<HistoricProcessInstance> process(long ticketId) {
        return Optional.ofNullable(history.createHistoricProcessInstanceQuery().processDefinitionKey("ticket-password-reset")
                .processInstanceBusinessKey(Long.toString(ticketId)).singleResult());
    }

    private List<String> notesPosted(long ticketId) throws Exception {
        List<String> texts = new java.util.ArrayList<>();
        for (LoggedRequest note : AUTOTASK.findAll(postRequestedFor(urlPathEqualTo("/ATServicesRest/V1.0/Tickets/" + ticketId + "/Notes")))) {
            texts.add(json.readTree(note.getBodyAsString()).path("description").asText());
        }
        return texts;
    }

    private String lastPatchedPassword(String recordId) throws Exception {
        List<LoggedRequest> patches = ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/" + recordId)));
        assertThat(patches).as("PATCHes of record " + recordId).isNotEmpty();
        return json.readTree(patches.get(patches.size() - 1).getBodyAsString()).path("data").path("attributes").path("password").asText();
    }
}
