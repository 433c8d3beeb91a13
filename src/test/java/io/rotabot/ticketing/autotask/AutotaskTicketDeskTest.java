package io.rotabot.ticketing.autotask;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rotabot.ExternalCalls;
import io.rotabot.testing.ApplicationYaml;
import io.rotabot.testing.VendorStubs;
import io.rotabot.ticketing.CreatedTicket;
import io.rotabot.ticketing.TicketDeskUnavailableException;
import io.rotabot.ticketing.TicketNote;
import io.rotabot.ticketing.WebhookRegistration;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Autotask adapter against stubs of Autotask's REST wire format: zones, headers, paging, notes, limits, errors, bounds. */
class AutotaskTicketDeskTest {

    private static final WireMockServer AUTOTASK = new WireMockServer(options().dynamicPort());
    private static final String ZONE = "/ATServicesRest/V1.0";
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void start() {
        AUTOTASK.start();
    }

    @AfterAll
    static void stop() {
        AUTOTASK.stop();
    }

    @BeforeEach
    void reset() {
        AUTOTASK.resetAll();
    }

    @Test
    void findsItsZoneOnceAndSendsTheThreeHeadersEverywhere() {
        AUTOTASK.stubFor(get(urlPathEqualTo("/lookup/V1.0/ZoneInformation")).withQueryParam("user", equalTo(VendorStubs.AUTOTASK_USER))
                .willReturn(okJson("{\"zoneName\":\"Test Zone\",\"url\":\"" + AUTOTASK.baseUrl() + "/ATServicesRest/\","
                        + "\"webUrl\":\"https://ww14.autotask.net/\",\"ci\":14}")));
        VendorStubs.autotaskTicket(AUTOTASK, 351181, 1001, 301, "Password reset", "I forgot my password");
        AutotaskTicketDesk desk = desk(null, 10_000, 4);

        assertThat(desk.ticket(351181)).hasValueSatisfying(t -> assertThat(t.title()).isEqualTo("Password reset"));
        assertThat(desk.ticket(351181)).isPresent();

        AUTOTASK.verify(1, getRequestedFor(urlPathEqualTo("/lookup/V1.0/ZoneInformation")));
        AUTOTASK.verify(2, getRequestedFor(urlPathEqualTo(ZONE + "/Tickets/351181"))
                .withHeader("ApiIntegrationCode", equalTo(VendorStubs.AUTOTASK_CODE))
                .withHeader("UserName", equalTo(VendorStubs.AUTOTASK_USER))
                .withHeader("Secret", equalTo(VendorStubs.AUTOTASK_SECRET)));
    }

    @Test
    void aZoneAnswerNamingAForeignHostIsNotFollowed() {
        AUTOTASK.stubFor(get(urlPathEqualTo("/lookup/V1.0/ZoneInformation"))
                .willReturn(okJson("{\"zoneName\":\"Evil\",\"url\":\"https://collector.evil.test/ATServicesRest/\"}")));

        assertThatThrownBy(() -> desk(null, 10_000, 1).ticket(1))
                .isInstanceOf(TicketDeskUnavailableException.class)
                .hasMessageContaining("collector.evil.test, not an https Autotask host");
    }

    @Test
    void readsEveryPageOfNewTicketsAndRefusesAPageOutsideTheZone() {
        String next = AUTOTASK.baseUrl() + ZONE + "/Tickets/query/next?paging=abc";
        AUTOTASK.stubFor(post(urlPathEqualTo(ZONE + "/Tickets/query"))
                .withRequestBody(matchingJsonPath("$.filter[0].field", equalTo("createDate")))
                .withRequestBody(matchingJsonPath("$.filter[0].op", equalTo("gte")))
                .willReturn(okJson("{\"items\":[{\"id\":12,\"createDate\":\"2026-11-27T08:00:02.000Z\"},"
                        + "{\"id\":11,\"createDate\":\"2026-11-27T07:59:00Z\"}],"
                        + "\"pageDetails\":{\"count\":2,\"requestCount\":500,\"prevPageUrl\":null,\"nextPageUrl\":\"" + next + "\"}}")));
        AUTOTASK.stubFor(get(urlPathEqualTo(ZONE + "/Tickets/query/next")).withQueryParam("paging", equalTo("abc"))
                .withHeader("Secret", equalTo(VendorStubs.AUTOTASK_SECRET))
                .willReturn(okJson("{\"items\":[{\"id\":13,\"createDate\":\"2026-11-27T08:05:00Z\"}],"
                        + "\"pageDetails\":{\"count\":1,\"requestCount\":500,\"prevPageUrl\":null,\"nextPageUrl\":null}}")));

        List<CreatedTicket> created = desk(zone(), 10_000, 1).createdSince(Instant.parse("2026-11-27T07:00:00Z"));

        assertThat(created).extracting(CreatedTicket::ticketId).containsExactly(11L, 12L, 13L);

        AUTOTASK.stubFor(post(urlPathEqualTo(ZONE + "/Tickets/query")).willReturn(okJson("{\"items\":[],"
                + "\"pageDetails\":{\"count\":0,\"nextPageUrl\":\"https://collector.evil.test/steal\"}}")));
        assertThatThrownBy(() -> desk(zone(), 10_000, 1).createdSince(Instant.now()))
                .isInstanceOf(TicketDeskUnavailableException.class).hasMessageContaining("outside the zone");
    }

    @Test
    void postsANoteOnceEvenWhenTheJobIsRetried() {
        VendorStubs.autotaskTicket(AUTOTASK, 500, 1001, 301, "t", "d");
        AutotaskTicketDesk desk = desk(zone(), 10_000, 1);
        TicketNote note = new TicketNote("Rotabot: password reset", "The password of alice was reset.");

        assertThat(desk.addNote(500, note)).isEqualTo(31_289_500L);
        AUTOTASK.verify(1, postRequestedFor(urlPathEqualTo(ZONE + "/Tickets/500/Notes"))
                .withRequestBody(equalToJson("{\"ticketID\":500,\"title\":\"Rotabot: password reset\","
                        + "\"description\":\"The password of alice was reset.\",\"noteType\":1,\"publish\":1}")));

        // the POST went through but its answer was lost; the retried job finds the note
        AUTOTASK.stubFor(get(urlPathEqualTo(ZONE + "/Tickets/500/Notes")).willReturn(okJson("{\"items\":[{\"id\":777,"
                + "\"ticketID\":500,\"title\":\"Rotabot: password reset\",\"description\":\"The password of alice was reset.\","
                + "\"noteType\":1,\"publish\":1}],\"pageDetails\":{\"count\":1,\"nextPageUrl\":null}}")));
        assertThat(desk.addNote(500, note)).isEqualTo(777L);
        AUTOTASK.verify(1, postRequestedFor(urlPathEqualTo(ZONE + "/Tickets/500/Notes")));
    }

    @Test
    void aNoteWhoseAnswerWasLostToATimeoutIsNotPostedAgainByTheRetry() {
        String notes = ZONE + "/Tickets/501/Notes";
        String posted = "{\"items\":[{\"id\":31289501,\"ticketID\":501,\"title\":\"Rotabot: password reset\","
                + "\"description\":\"The password of alice was reset.\\r\\nRecord: https://msp.itglue.com/1/passwords/2\","
                + "\"noteType\":1,\"publish\":1,\"createDateTime\":\"2026-11-27T08:15:09.000Z\"}],"
                + "\"pageDetails\":{\"count\":1,\"requestCount\":500,\"prevPageUrl\":null,\"nextPageUrl\":null}}";
        AUTOTASK.stubFor(get(urlPathEqualTo(notes)).inScenario("lost answer").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"items\":[],\"pageDetails\":{\"count\":0,\"requestCount\":500,\"nextPageUrl\":null}}")));
        // Autotask applies the POST, but its answer comes after the client's read timeout (1 s)
        AUTOTASK.stubFor(post(urlPathEqualTo(notes)).inScenario("lost answer").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"itemId\":31289501}").withFixedDelay(2_500)).willSetStateTo("posted"));
        AUTOTASK.stubFor(get(urlPathEqualTo(notes)).inScenario("lost answer").whenScenarioStateIs("posted")
                .willReturn(okJson(posted)));
        AUTOTASK.stubFor(post(urlPathEqualTo(notes)).inScenario("lost answer").whenScenarioStateIs("posted")
                .willReturn(okJson("{\"itemId\":31289502}")));
        TicketNote note = new TicketNote("Rotabot: password reset",
                "The password of alice was reset.\nRecord: https://msp.itglue.com/1/passwords/2");

        long noteId = desk(zone(), 10_000, 4).addNote(501, note);

        assertThat(noteId).as("the note the lost answer was about").isEqualTo(31_289_501L);
        AUTOTASK.verify(1, postRequestedFor(urlPathEqualTo(notes)));
        AUTOTASK.verify(2, getRequestedFor(urlPathEqualTo(notes)));
    }

    @Test
    void readsEveryPageOfATicketsNotesBeforePosting() {
        String notes = ZONE + "/Tickets/502/Notes";
        String next = AUTOTASK.baseUrl() + notes + "/next?paging=p2";
        AUTOTASK.stubFor(get(urlPathEqualTo(notes)).willReturn(okJson("{\"items\":[{\"id\":1,\"ticketID\":502,"
                + "\"title\":\"Call\",\"description\":\"Called the user.\"}],\"pageDetails\":{\"count\":1,"
                + "\"requestCount\":500,\"nextPageUrl\":\"" + next + "\"}}")));
        AUTOTASK.stubFor(get(urlPathEqualTo(notes + "/next")).withQueryParam("paging", equalTo("p2"))
                .willReturn(okJson("{\"items\":[{\"id\":902,\"ticketID\":502,\"title\":\"Rotabot: password reset\","
                        + "\"description\":\"The password of bob was reset.\"}],\"pageDetails\":{\"count\":1,\"nextPageUrl\":null}}")));
        AUTOTASK.stubFor(post(urlPathEqualTo(notes)).willReturn(okJson("{\"itemId\":903}")));

        long noteId = desk(zone(), 10_000, 1).addNote(502, new TicketNote("Rotabot: password reset", "The password of bob was reset."));

        assertThat(noteId).isEqualTo(902L);
        AUTOTASK.verify(0, postRequestedFor(urlPathEqualTo(notes)));
    }

    @Test
    void retriesThrottlingServerErrorsAndTimeoutsThenTellsAutotasksReason() {
        AUTOTASK.stubFor(get(urlPathEqualTo(ZONE + "/Contacts/301")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json").withBody("{\"errors\":[\"Rate limit exceeded\"]}"))
                .willSetStateTo("throttled"));
        AUTOTASK.stubFor(get(urlPathEqualTo(ZONE + "/Contacts/301")).inScenario("flaky").whenScenarioStateIs("throttled")
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[\"Object reference not set to an instance of an object.\"]}"))
                .willSetStateTo("broken"));
        AUTOTASK.stubFor(get(urlPathEqualTo(ZONE + "/Contacts/301")).inScenario("flaky").whenScenarioStateIs("broken")
                .willReturn(okJson("{\"item\":{\"id\":301}}").withFixedDelay(3_000))
                .willSetStateTo("slow"));
        AUTOTASK.stubFor(get(urlPathEqualTo(ZONE + "/Contacts/301")).inScenario("flaky").whenScenarioStateIs("slow")
                .willReturn(okJson("{\"item\":{\"id\":301,\"companyID\":1001,\"emailAddress\":\"alice@acme.test\","
                        + "\"firstName\":\"Alice\",\"lastName\":\"Anders\",\"isActive\":1}}")));

        assertThat(desk(zone(), 10_000, 4).contact(301)).hasValueSatisfying(c -> assertThat(c.email()).isEqualTo("alice@acme.test"));
        AUTOTASK.verify(4, getRequestedFor(urlPathEqualTo(ZONE + "/Contacts/301")));

        AUTOTASK.stubFor(get(urlPathEqualTo(ZONE + "/Tickets/9")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody("{\"errors\":[\"Database is busy\"]}")));
        assertThatThrownBy(() -> desk(zone(), 10_000, 2).ticket(9))
                .isInstanceOf(TicketDeskUnavailableException.class)
                .hasMessageContaining("HTTP 500: Database is busy");
    }

    @Test
    void stopsAtThisNodesShareOfTheHourlyBudgetAndReportsIt() {
        VendorStubs.autotaskContact(AUTOTASK, 301, 1001, "alice@acme.test");
        AutotaskTicketDesk desk = desk(zone(), 4, 1); // a share of 0.5 of 4 requests an hour: 2

        desk.contact(301);
        desk.contact(301);

        assertThat(meters.get("rotabot.autotask.budget.used").gauge().value()).isEqualTo(2.0);
        assertThat(meters.get("rotabot.autotask.budget.limit").gauge().value()).isEqualTo(2.0);
        assertThatThrownBy(() -> desk.contact(301)).isInstanceOf(TicketDeskUnavailableException.class)
                .hasMessageContaining("budget for the hour (2 requests) is used up");
        AUTOTASK.verify(2, getRequestedFor(urlPathEqualTo(ZONE + "/Contacts/301")));
    }

    @Test
    void setsOnlyTheStatusOfATicket() {
        AUTOTASK.stubFor(patch(urlPathEqualTo(ZONE + "/Tickets")).willReturn(okJson("{\"itemId\":351181}")));

        desk(zone(), 10_000, 1).markOutcome(351181, true);

        AUTOTASK.verify(patchRequestedFor(urlPathEqualTo(ZONE + "/Tickets"))
                .withRequestBody(equalToJson("{\"id\":351181,\"status\":5}")));
    }

    @Test
    void registersTheWebhookWithItsFieldsAndReadsItsStateBack() {
        AUTOTASK.stubFor(post(urlPathEqualTo(ZONE + "/TicketWebhooks")).willReturn(okJson("{\"itemId\":42}")));
        AUTOTASK.stubFor(get(urlPathEqualTo(ZONE + "/TicketWebhooks/42/Fields/entityInformation/fields")).willReturn(okJson(
                "{\"fields\":[{\"name\":\"fieldID\",\"dataType\":\"integer\",\"isPickList\":true,\"picklistValues\":["
                + "{\"value\":\"6\",\"label\":\"Status\",\"isActive\":true},{\"value\":\"9\",\"label\":\"Title\",\"isActive\":true}]}]}")));
        AUTOTASK.stubFor(post(urlPathEqualTo(ZONE + "/TicketWebhooks/42/Fields")).willReturn(okJson("{\"itemId\":4201}")));
        AUTOTASK.stubFor(get(urlPathEqualTo(ZONE + "/TicketWebhooks/42")).willReturn(okJson(
                "{\"item\":{\"id\":42,\"isActive\":true,\"isReady\":true,\"webhookGUID\":\"5e3c0a4e\"}}")));
        WebhookRegistration.Request request = new WebhookRegistration.Request("Rotabot", URI.create("https://rotabot.msp.test/webhooks/autotask/tickets"),
                URI.create("https://rotabot.msp.test/webhooks/autotask/deactivated?key=k"), "s3cret", List.of("Status"), "ops@msp.test");

        WebhookRegistration registered = desk(zone(), 10_000, 1).registerWebhook(request);

        assertThat(registered).isEqualTo(new WebhookRegistration(42, true, true, List.of("Status")));
        AUTOTASK.verify(postRequestedFor(urlPathEqualTo(ZONE + "/TicketWebhooks")).withRequestBody(equalToJson(
                "{\"name\":\"Rotabot\",\"webhookUrl\":\"https://rotabot.msp.test/webhooks/autotask/tickets\","
                + "\"deactivationUrl\":\"https://rotabot.msp.test/webhooks/autotask/deactivated?key=k\",\"secretKey\":\"s3cret\","
                + "\"isActive\":true,\"isSubscribedToCreateEvents\":true,\"isSubscribedToUpdateEvents\":true,"
                + "\"isSubscribedToDeleteEvents\":false,\"notificationEmailAddress\":\"ops@msp.test\","
                + "\"sendThresholdExceededNotification\":true}")));
        AUTOTASK.verify(postRequestedFor(urlPathEqualTo(ZONE + "/TicketWebhooks/42/Fields")).withRequestBody(equalToJson(
                "{\"webhookID\":42,\"fieldID\":6,\"isSubscribedField\":true,\"isDisplayAlwaysField\":true}")));

        WebhookRegistration.Request unknownField = new WebhookRegistration.Request("Rotabot", request.webhookUrl(),
                request.deactivationUrl(), "s3cret", List.of("Colour"), "");
        assertThatThrownBy(() -> desk(zone(), 10_000, 1).registerWebhook(unknownField))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no ticket field 'Colour'");
    }

    @Test
    void aWebhookErrorLogTheUserMayNotReadIsNoFailure() {
        AUTOTASK.stubFor(post(urlPathEqualTo(ZONE + "/WebhookEventErrorLogs/query")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody("{\"errors\":[\"Access denied\"]}")));
        assertThat(desk(zone(), 10_000, 1).undeliveredSince(Instant.now())).isEmpty();

        AUTOTASK.stubFor(post(urlPathEqualTo(ZONE + "/WebhookEventErrorLogs/query")).willReturn(okJson(
                "{\"items\":[" + errorLogEntry(1, "Ticket", 351190, "Create") + "," + errorLogEntry(2, "Ticket", 351190, "Create")
                + "," + errorLogEntry(3, "Ticket", 351191, "Update") + "," + errorLogEntry(4, "Contact", 5, "Create")
                + ",{\"id\":5,\"entityType\":\"Ticket\",\"entityID\":351192,\"payload\":\"not json\"}],\"pageDetails\":{\"count\":5}}")));
        assertThat(desk(zone(), 10_000, 1).undeliveredSince(Instant.now())).containsExactly(351190L);
    }

    @Test
    void aRetryAfterLongerThanTheWaitAllowedFailsAtOnceSayingWhenItAskedToBeCalledAgain() {
        AUTOTASK.stubFor(get(urlPathEqualTo(ZONE + "/Tickets/351181")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "120").withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[\"Rate limit exceeded\"]}")));

        assertThatThrownBy(() -> desk(zone(), 10_000, 4).ticket(351181))
                .isInstanceOf(TicketDeskUnavailableException.class)
                .hasMessageContaining("HTTP 429: Rate limit exceeded; asks to be called again in 120 s, at ");
        AUTOTASK.verify(1, getRequestedFor(urlPathEqualTo(ZONE + "/Tickets/351181")));
    }

    @Test
    void aHangingAutotaskHoldsNoMoreThreadsThanItsShareAndTheNextCallFailsAtOnce() {
        AUTOTASK.stubFor(get(urlPathEqualTo(ZONE + "/Contacts/301")).willReturn(okJson("{\"item\":{\"id\":301,"
                + "\"companyID\":1001,\"emailAddress\":\"alice@acme.test\",\"isActive\":1}}").withFixedDelay(2_000)));
        VendorStubs.autotaskTicket(AUTOTASK, 351181, 1001, 301, "Password reset", "I forgot my password");
        AutotaskTicketDesk desk = desk(zone(), 10_000, 1, Duration.ofSeconds(5), 2);
        List<CompletableFuture<?>> hanging = List.of(CompletableFuture.runAsync(() -> desk.contact(301)),
                CompletableFuture.runAsync(() -> desk.contact(301)));
        await().until(() -> AUTOTASK.findAll(getRequestedFor(urlPathEqualTo(ZONE + "/Contacts/301"))).size() == 2);

        assertThatThrownBy(() -> desk.ticket(351181)).as("another endpoint too").isInstanceOf(TicketDeskUnavailableException.class)
                .hasMessage("Autotask already has 2 calls under way on this node (rotabot.autotask.max-concurrent-calls) "
                        + "and none ended within 100 ms; this one was not sent");

        CompletableFuture.allOf(hanging.toArray(CompletableFuture[]::new)).join();
        AUTOTASK.verify(0, getRequestedFor(urlPathEqualTo(ZONE + "/Tickets/351181")));
        assertThat(desk.ticket(351181)).as("a place is free again once a call ends").isPresent();
    }

    @Test
    void aCallsWorstCaseAsShippedFitsThreeTimesIntoTheJobLock() {
        ExternalCalls.Bounds shipped = ApplicationYaml.binder().bind("rotabot.autotask", AutotaskProperties.class).get().bounds();

        assertThat(shipped.worstCase()).as("5 s + 3 x (5 s + 5 s + 30 s) + 2 x 15 s, as application.yaml says")
                .isEqualTo(Duration.ofSeconds(155));
        assertThat(shipped.worstCaseStep()).isEqualTo(Duration.ofSeconds(465)).isLessThan(ApplicationYaml.jobLock());
    }

    /** An error log entry; its payload is the undelivered event, as a JSON string. */
    private static String errorLogEntry(long id, String entityType, long entityId, String action) {
        String payload = "{\\\"Action\\\":\\\"" + action + "\\\",\\\"EntityType\\\":\\\"" + entityType
                + "\\\",\\\"Id\\\":" + entityId + "}";
        return "{\"id\":" + id + ",\"entityType\":\"" + entityType + "\",\"entityID\":" + entityId + ",\"payload\":\"" + payload
                + "\",\"errorMessage\":\"The remote server returned an error: (503) Server Unavailable.\"}";
    }

    private static URI zone() {
        return URI.create(AUTOTASK.baseUrl() + "/ATServicesRest");
    }

    private AutotaskTicketDesk desk(URI baseUrl, int hourlyBudget, int maxAttempts) {
        return desk(baseUrl, hourlyBudget, maxAttempts, Duration.ofSeconds(1), 3);
    }

    private AutotaskTicketDesk desk(URI baseUrl, int hourlyBudget, int maxAttempts, Duration readTimeout, int maxConcurrentCalls) {
        AutotaskProperties properties = new AutotaskProperties(baseUrl, URI.create(AUTOTASK.baseUrl() + "/lookup"),
                VendorStubs.AUTOTASK_CODE, VendorStubs.AUTOTASK_USER, VendorStubs.AUTOTASK_SECRET, hourlyBudget,
                hourlyBudget < 10 ? 0.5 : 1.0, 3, 1, 1, 5, 1, Duration.ofSeconds(2), readTimeout, maxAttempts,
                Duration.ofMillis(20), Duration.ofSeconds(2), Duration.ofSeconds(1), maxConcurrentCalls, Duration.ofMillis(100),
                Duration.ofSeconds(30));
        AutotaskCalls calls = new AutotaskCalls(properties, RetryRegistry.ofDefaults(), RateLimiterRegistry.ofDefaults(),
                BulkheadRegistry.ofDefaults(), CircuitBreakerRegistry.ofDefaults(), meters, 600_000);
        return new AutotaskTicketDesk(properties, calls);
    }
}
