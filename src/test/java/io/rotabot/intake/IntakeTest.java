package io.rotabot.intake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.rotabot.testing.EndToEndEnvironment;
import io.rotabot.testing.TicketIncidents;
import io.rotabot.testing.VendorStubs;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The webhook intake over HTTP: what it refuses and stores nothing of, how repeats and races end in
 * one process per ticket, what the catch-up job finds and retries, and the alarm when Autotask turns the
 * webhook off.
 */
class IntakeTest extends EndToEndEnvironment {

    private static final long STRANGER_CONTACT = 30_689_999;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    CatchUp catchUp;
    @Autowired
    ManagementService management;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void bothReadingsOfTheSignedBytesAreAccepted() throws Exception {
        byte[] raw = ("{\"Action\":\"Create\",\"EntityType\":\"Ticket\",\"Id\":361001,"
                + "\"Fields\":{\"Title\":\"R&D <laptop> caf\u00e9\"},\"EventTime\":\"2026-11-27T09:00:00Z\",\"SequenceNumber\":1}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] escapedReading = ("{\"Action\":\"Update\",\"EntityType\":\"Ticket\",\"Id\":361001,"
                + "\"Fields\":{\"Title\":\"R&D <laptop> caf\u00e9\"},\"EventTime\":\"2026-11-27T09:01:00Z\",\"SequenceNumber\":2}")
                .getBytes(StandardCharsets.UTF_8);
        WebhookSignature signer = new WebhookSignature(WEBHOOK_SECRET);

        assertThat(send(raw, signer.sign(raw), "application/json").statusCode()).isEqualTo(202);
        assertThat(send(escapedReading, signer.sign(WebhookSignature.escapeLikeAutotask(escapedReading)),
                "application/json; charset=utf-8").statusCode()).isEqualTo(202);
        assertThat(events(361001)).isEqualTo(2);
    }

    @Test
    void whatIsRefusedLeavesNothingBehind() throws Exception {
        byte[] good = webhook(361002, "Create");
        byte[] oversize = ("{\"EntityType\":\"Ticket\",\"Id\":361002,\"Fields\":{\"Description\":\"" + "x".repeat(70_000) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] contact = "{\"EntityType\":\"Contact\",\"Id\":361002,\"Action\":\"Create\"}".getBytes(StandardCharsets.UTF_8);
        byte[] broken = "{\"EntityType\":\"Ticket\",\"Id\":".getBytes(StandardCharsets.UTF_8);
        byte[] textId = "{\"EntityType\":\"Ticket\",\"Id\":\"DROP TABLE\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(send(good, null, "application/json").statusCode()).as("unsigned").isEqualTo(401);
        assertThat(send(good, "sha1=" + Base64.getEncoder().encodeToString(new byte[20]), "application/json").statusCode())
                .as("forged").isEqualTo(401);
        assertThat(send(good, "sha1=%%%", "application/json").statusCode()).as("not Base64").isEqualTo(401);
        assertThat(deliver(oversize).statusCode()).isEqualTo(413);
        HttpResponse<String> text = send(good, new WebhookSignature(WEBHOOK_SECRET).sign(good), "text/plain");
        assertThat(text.statusCode()).isEqualTo(415);
        HttpResponse<String> unknownEntity = deliver(contact);
        assertThat(unknownEntity.statusCode()).isEqualTo(400);
        assertThat(unknownEntity.body()).contains("EntityType must be Ticket");
        assertThat(deliver(broken).statusCode()).isEqualTo(400);
        assertThat(deliver(textId).body()).contains("Id must be a positive whole number");
        assertThat(events(361002)).isZero();
    }

    @Test
    void tenDeliveriesOfOneEventStartOneProcess() throws Exception {
        strangersTicket(361003);
        byte[] body = webhook(361003, "Create");

        List<Integer> answers = concurrently(Collections.nCopies(10, body));

        assertThat(answers).containsOnlyOnce(202).containsOnly(202, 200);
        awaitTicketProcessEnded(361003);
        assertThat(ticketProcesses(361003)).isEqualTo(1);
        assertThat(events(361003)).isEqualTo(1);
    }

    @Test
    void twoHundredConcurrentDeliveriesProcessEachTicketOnce() throws Exception {
        List<Long> tickets = LongStream.rangeClosed(362001, 362100).boxed().toList();
        List<byte[]> deliveries = new ArrayList<>();
        for (long ticket : tickets) {
            strangersTicket(ticket);
            deliveries.add(webhook(ticket, "Create"));
            deliveries.add(webhook(ticket, "Update")); // another event of the same ticket, arriving at the same time
        }
        Collections.shuffle(deliveries);

        List<Integer> answers = concurrently(deliveries);

        assertThat(answers).hasSize(200).containsOnly(202);
        tickets.forEach(this::awaitTicketProcessEnded);
        assertThat(tickets).allSatisfy(ticket -> assertThat(ticketProcesses(ticket)).as("ticket " + ticket).isEqualTo(1));
        assertThat(jdbc.sql("select count(*) from ticket_processes where ticket_id between 362001 and 362100")
                .query(Long.class).single()).isEqualTo(100);
    }

    @Test
    void theCatchUpFindsTicketsWhoseWebhooksNeverArrivedAndNothingTwice() throws Exception {
        strangersTicket(363001);
        strangersTicket(363002);
        deliver(webhook(363001, "Create"));
        awaitTicketProcessEnded(363001);
        AUTOTASK.stubFor(post(urlPathEqualTo("/ATServicesRest/V1.0/Tickets/query")).willReturn(okJson(
                "{\"items\":[{\"id\":363001,\"createDate\":\"2026-11-27T09:10:00Z\"},"
                + "{\"id\":363002,\"createDate\":\"2026-11-27T09:11:00Z\"}],"
                + "\"pageDetails\":{\"count\":2,\"requestCount\":500,\"prevPageUrl\":null,\"nextPageUrl\":null}}")));

        assertThat(catchUp.run()).as("the ticket whose webhook never came").isEqualTo(1);
        assertThat(awaitTicketProcessEnded(363002).getEndActivityId()).isEqualTo("endDone");
        assertThat(catchUp.run()).as("a second run finds nothing new").isZero();
        assertThat(ticketProcesses(363001)).isEqualTo(1);
        assertThat(ticketProcesses(363002)).isEqualTo(1);
    }

    @Test
    void theCatchUpRetriesATicketWhoseProcessStoppedInAnIncidentAndStartsNoOther() throws Exception {
        strangersTicket(363010);
        StubMapping down = AUTOTASK.stubFor(get(urlPathEqualTo("/ATServicesRest/V1.0/Tickets/363010")).atPriority(1)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[\"The service is temporarily unavailable.\"]}")));
        deliver(webhook(363010, "Create"));
        TicketIncidents.stopInAnIncident(history, management, 363010);
        AUTOTASK.removeStub(down);
        AUTOTASK.stubFor(post(urlPathEqualTo("/ATServicesRest/V1.0/Tickets/query")).willReturn(okJson(
                "{\"items\":[{\"id\":363010,\"createDate\":\"2026-11-27T09:20:00Z\"}],"
                + "\"pageDetails\":{\"count\":1,\"requestCount\":500,\"prevPageUrl\":null,\"nextPageUrl\":null}}")));

        assertThat(catchUp.run()).as("no ticket new to the inbox").isZero();

        assertThat(awaitTicketProcessEnded(363010).getEndActivityId()).isEqualTo("endDone");
        assertThat(ticketProcesses(363010)).isEqualTo(1);
        assertThat(AUTOTASK.findAll(postRequestedFor(urlPathEqualTo("/ATServicesRest/V1.0/Tickets/363010/Notes")))).hasSize(1);
    }

    @Test
    void ourOwnNoteDoesNotStartTheBotAgain() throws Exception {
        strangersTicket(364001);
        deliver(webhook(364001, "Create"));
        awaitTicketProcessEnded(364001);
        assertThat(AUTOTASK.findAll(postRequestedFor(urlPathEqualTo("/ATServicesRest/V1.0/Tickets/364001/Notes"))))
                .singleElement().satisfies(note -> assertThat(json.readTree(note.getBodyAsString()).path("description").asText())
                        .startsWith("No password was reset for the ticket's requester"));

        // the update Autotask reports because Rotabot's note changed the ticket
        byte[] causedByOurNote = ("{\"Action\":\"Update\",\"EntityType\":\"Ticket\",\"Id\":364001,"
                + "\"Fields\":{\"LastActivityDate\":\"2026-11-27T09:20:00Z\"},\"EventTime\":\"2026-11-27T09:20:00Z\","
                + "\"SequenceNumber\":2}").getBytes(StandardCharsets.UTF_8);
        assertThat(deliver(causedByOurNote).statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select count(*) from ticket_events where ticket_id = 364001 and dispatched_at is null").query(Long.class).single() == 0);
        assertThat(ticketProcesses(364001)).isEqualTo(1);
        assertThat(AUTOTASK.findAll(postRequestedFor(urlPathEqualTo("/ATServicesRest/V1.0/Tickets/364001/Notes")))).hasSize(1);
    }

    @Test
    void autotaskTurningTheWebhookOffRaisesTheAlarmUntilEventsArriveAgain() throws Exception {
        String key = new WebhookSignature(WEBHOOK_SECRET).deactivationKey();
        assertThat(deactivate("wrong").statusCode()).isEqualTo(401);
        assertThat(webhookHealth()).isEqualTo("UP");

        assertThat(deactivate(key).statusCode()).isEqualTo(200);

        assertThat(webhookHealth()).isEqualTo("DOWN");
        MimeMessage alert = await().atMost(Duration.ofSeconds(10)).until(() -> Arrays.stream(SMTP.getReceivedMessages())
                .filter(m -> subject(m).equals("Rotabot: Autotask disabled the ticket webhook")).findFirst().orElse(null), m -> m != null);
        assertThat(alert.getAllRecipients()[0].toString()).isEqualTo("ops@msp.test");

        strangersTicket(365001);
        deliver(webhook(365001, "Create"));
        assertThat(webhookHealth()).isEqualTo("UP");
    }

    @Test
    void theWebhookIsRegisteredUnderAnHttpsAddressWithItsDeactivationKey() throws Exception {
        AUTOTASK.stubFor(post(urlPathEqualTo("/ATServicesRest/V1.0/TicketWebhooks")).willReturn(okJson("{\"itemId\":42}")));
        AUTOTASK.stubFor(get(urlPathEqualTo("/ATServicesRest/V1.0/TicketWebhooks/42/Fields/entityInformation/fields")).willReturn(okJson(
                "{\"fields\":[{\"name\":\"fieldID\",\"isPickList\":true,\"picklistValues\":[{\"value\":\"6\",\"label\":\"Status\"}]}]}")));
        AUTOTASK.stubFor(post(urlPathEqualTo("/ATServicesRest/V1.0/TicketWebhooks/42/Fields")).willReturn(okJson("{\"itemId\":4201}")));
        AUTOTASK.stubFor(get(urlPathEqualTo("/ATServicesRest/V1.0/TicketWebhooks/42")).willReturn(okJson(
                "{\"item\":{\"id\":42,\"isActive\":true,\"isReady\":false}}")));

        HttpResponse<String> plainHttp = api("POST", "/api/autotask/webhook", "{\"publicUrl\":\"http://rotabot.msp.test\"}", true);
        HttpResponse<String> stranger = api("POST", "/api/autotask/webhook", "{\"publicUrl\":\"https://rotabot.msp.test\"}", false);
        HttpResponse<String> registered = api("POST", "/api/autotask/webhook", "{\"publicUrl\":\"https://rotabot.msp.test/\"}", true);

        assertThat(plainHttp.statusCode()).isEqualTo(400);
        assertThat(plainHttp.body()).contains("publicUrl must be an https:// address");
        assertThat(stranger.statusCode()).isEqualTo(401);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        assertThat(json.readTree(registered.body()).path("ready").asBoolean(true)).isFalse();
        String created = AUTOTASK.findAll(postRequestedFor(urlPathEqualTo("/ATServicesRest/V1.0/TicketWebhooks"))).get(0).getBodyAsString();
        assertThat(json.readTree(created).path("webhookUrl").asText()).isEqualTo("https://rotabot.msp.test/webhooks/autotask/tickets");
        assertThat(json.readTree(created).path("deactivationUrl").asText()).isEqualTo(
                "https://rotabot.msp.test/webhooks/autotask/deactivated?key=" + new WebhookSignature(WEBHOOK_SECRET).deactivationKey());
        assertThat(json.readTree(created).path("secretKey").asText()).isEqualTo(WEBHOOK_SECRET);
    }

    private void strangersTicket(long ticketId) {
        VendorStubs.autotaskTicket(AUTOTASK, ticketId, ACME_COMPANY, STRANGER_CONTACT, "Forgot my password",
                "I forgot my password, please reset it");
    }

    private long events(long ticketId) {
        return jdbc.sql("select count(*) from ticket_events where ticket_id = ?").param(ticketId).query(Long.class).single();
    }

    private List<Integer> concurrently(List<byte[]> bodies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (byte[] body : bodies) {
                answers.add(pool.submit(() -> deliver(body).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        } finally {
            pool.shutdown();
        }
    }

    private HttpResponse<String> deactivate(String key) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/webhooks/autotask/deactivated?key=" + key)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String webhookHealth() throws Exception {
        return json.readTree(api("GET", "/actuator/health", null, true).body()).path("components").path("ticketWebhook")
                .path("status").asText();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
