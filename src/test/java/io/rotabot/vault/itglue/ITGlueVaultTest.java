package io.rotabot.vault.itglue;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.rotabot.ExternalCalls;
import io.rotabot.security.Secret;
import io.rotabot.testing.ApplicationYaml;
import io.rotabot.testing.VendorStubs;
import io.rotabot.vault.VaultOrganization;
import io.rotabot.vault.VaultRecord;
import io.rotabot.vault.VaultUnavailableException;
import io.rotabot.vault.VaultUpdate;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The IT Glue adapter against stubs of its JSON:API wire format: paging, refusals, throttling, its bounds. */
class ITGlueVaultTest {

    private static final WireMockServer ITGLUE = new WireMockServer(options().dynamicPort()
            .extensions(new VendorStubs.ITGlueReadBack()));

    @BeforeAll
    static void start() {
        ITGLUE.start();
    }

    @AfterAll
    static void stop() {
        ITGLUE.stop();
    }

    @BeforeEach
    void reset() {
        ITGLUE.resetAll();
    }

    @Test
    void listsEveryPageOfAnOrganizationsRecordsWithoutTheirPasswords() {
        for (int page = 1; page <= 3; page++) {
            ITGLUE.stubFor(get(urlPathEqualTo("/passwords")).withQueryParam("filter[organization_id]", equalTo("3821001"))
                    .withQueryParam("page[number]", equalTo(Integer.toString(page))).withQueryParam("page[size]", equalTo("2"))
                    .willReturn(jsonApi(200, "{\"data\":[" + records(page * 10, page == 3 ? 1 : 2) + "],\"meta\":{\"current-page\":"
                            + page + ",\"next-page\":" + (page == 3 ? "null" : page + 1) + ",\"prev-page\":null,"
                            + "\"total-pages\":3,\"total-count\":5},\"links\":{}}")));
        }

        List<VaultRecord> records = vault(2).records(3821001);

        assertThat(records).extracting(VaultRecord::id).containsExactly("10", "11", "20", "21", "30");
        assertThat(records.get(1).archived()).isTrue();
        assertThat(records.get(0).restricted()).isFalse();
        assertThat(records.get(0).resourceUrl()).isEqualTo("https://msp.itglue.com/3821001/passwords/10");
        assertThat(records.get(0).url()).isEqualTo("https://portal.acme.test");
        assertThat(records.get(0).category()).isEqualTo("Active Directory");
        assertThat(records.get(0).updatedAt()).isPresent();
        ITGLUE.verify(3, getRequestedFor(urlPathEqualTo("/passwords")).withHeader("x-api-key", equalTo(VendorStubs.ITGLUE_KEY))
                .withQueryParam("show_password", absent()));
    }

    @Test
    void findsTheOrganizationOfAnAutotaskCompanyAndListsAll() {
        ITGLUE.stubFor(get(urlPathEqualTo("/organizations")).withQueryParam("filter[psa_id]", equalTo("29683501"))
                .withQueryParam("filter[psa_integration_type]", equalTo("autotask"))
                .willReturn(jsonApi(200, "{\"data\":[" + organization(3821001, "ACME Ltd") + "],\"meta\":{\"current-page\":1,"
                        + "\"next-page\":null,\"total-pages\":1,\"total-count\":1}}")));
        ITGLUE.stubFor(get(urlPathEqualTo("/organizations")).withQueryParam("filter[psa_id]", absent())
                .withQueryParam("page[number]", equalTo("1"))
                .willReturn(jsonApi(200, "{\"data\":[" + organization(3821001, "ACME Ltd") + "," + organization(3821002, "Globex")
                        + "],\"meta\":{\"current-page\":1,\"next-page\":2,\"total-pages\":2,\"total-count\":3}}")));
        ITGLUE.stubFor(get(urlPathEqualTo("/organizations")).withQueryParam("page[number]", equalTo("2"))
                .willReturn(jsonApi(200, "{\"data\":[" + organization(3821003, "Initech")
                        + "],\"meta\":{\"current-page\":2,\"next-page\":null,\"total-pages\":2,\"total-count\":3}}")));

        assertThat(vault(1000).organizationOfPsaCompany(29683501)).contains(new VaultOrganization(3821001, "ACME Ltd"));
        assertThat(vault(1000).organizations()).extracting(VaultOrganization::name).containsExactly("ACME Ltd", "Globex", "Initech");
    }

    @Test
    void aRefusedKeyIsAnOutageThatNamesTheSetting() {
        ITGLUE.stubFor(get(urlPathEqualTo("/passwords")).willReturn(jsonApi(401,
                "{\"errors\":[{\"status\":\"401\",\"title\":\"Unauthorized\",\"detail\":\"Your API key is invalid\"}]}")));

        assertThatThrownBy(() -> vault(1000).records(3821001)).isInstanceOf(VaultUnavailableException.class)
                .hasMessageContaining("HTTP 401: Your API key is invalid").hasMessageContaining("rotabot.itglue.api-key");
    }

    @Test
    void refusalsOfOneRecordAreAnswersWithTheVendorsReason() {
        ITGLUE.stubFor(patch(urlPathEqualTo("/passwords/403")).willReturn(jsonApi(403,
                "{\"errors\":[{\"status\":\"403\",\"title\":\"Forbidden\",\"detail\":\"Password access is not enabled for this API key\"}]}")));
        ITGLUE.stubFor(patch(urlPathEqualTo("/passwords/404")).willReturn(jsonApi(404,
                "{\"errors\":[{\"status\":\"404\",\"title\":\"Record not found\",\"detail\":\"Password 404 not found\"}]}")));
        ITGLUE.stubFor(patch(urlPathEqualTo("/passwords/422")).willReturn(jsonApi(422,
                "{\"errors\":[{\"status\":\"422\",\"title\":\"Unprocessable Entity\",\"detail\":\"Password can't be blank\","
                + "\"source\":{\"pointer\":\"/data/attributes/password\"}}]}")));
        ITGLUE.stubFor(get(urlPathEqualTo("/passwords/404")).willReturn(jsonApi(404,
                "{\"errors\":[{\"status\":\"404\",\"title\":\"Record not found\"}]}")));
        ITGlueVault vault = vault(1000);

        VaultUpdate forbidden = vault.updatePassword("403", Secret.of("Never#Echoed-1"));
        VaultUpdate gone = vault.updatePassword("404", Secret.of("Never#Echoed-1"));
        VaultUpdate rejected = vault.updatePassword("422", Secret.of("Never#Echoed-1"));

        assertThat(forbidden.result()).isEqualTo(VaultUpdate.Result.NOT_PERMITTED);
        assertThat(gone.result()).isEqualTo(VaultUpdate.Result.RECORD_GONE);
        assertThat(rejected.result()).isEqualTo(VaultUpdate.Result.REJECTED);
        assertThat(rejected.detail()).contains("Password can't be blank").doesNotContain("Never#Echoed-1");
        assertThat(vault.record("404")).isEmpty();
    }

    @Test
    void aKeyWithoutPasswordAccessIsToldWhatItLacks() {
        ITGLUE.stubFor(get(urlPathEqualTo("/passwords/5001")).willReturn(jsonApi(403,
                "{\"errors\":[{\"status\":\"403\",\"title\":\"Forbidden\",\"detail\":\"Password access is not enabled for this API key\"}]}")));

        assertThatThrownBy(() -> vault(1000).record("5001")).isInstanceOf(VaultUnavailableException.class)
                .hasMessageContaining("HTTP 403: Password access is not enabled for this API key")
                .hasMessageContaining("it needs Password Access");
    }

    @Test
    void aThrottledUpdateWaitsWhatRetryAfterSaysAndGoesThrough() {
        VendorStubs.itglueRecord(ITGLUE, "5001", 3821001, "alice@acme.test");
        ITGLUE.stubFor(patch(urlPathEqualTo("/passwords/5001")).atPriority(1).inScenario("throttle")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("cooled")
                .willReturn(jsonApi(429, "{\"errors\":[{\"status\":\"429\",\"title\":\"Too Many Requests\"}]}")
                        .withHeader("Retry-After", "1")));

        VaultUpdate update = vault(1000).updatePassword("5001", Secret.of("After#Throttle-1"));

        assertThat(update.succeeded()).isTrue();
        assertThat(ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/5001")))).hasSize(2)
                .allSatisfy(r -> assertThat(r.getBodyAsString()).contains("After#Throttle-1"));
    }

    @Test
    void aRetryAfterLongerThanTheWaitAllowedFailsAtOnceSayingWhenItAskedToBeCalledAgain() {
        ITGLUE.stubFor(patch(urlPathEqualTo("/passwords/5001")).willReturn(jsonApi(429,
                "{\"errors\":[{\"status\":\"429\",\"title\":\"Too Many Requests\"}]}").withHeader("Retry-After", "120")));

        assertThatThrownBy(() -> vault(1000).updatePassword("5001", Secret.of("Never#Echoed-1")))
                .isInstanceOf(VaultUnavailableException.class)
                .hasMessageContaining("HTTP 429: Too Many Requests; asks to be called again in 120 s, at ")
                .hasMessageNotContaining("Never#Echoed-1");
        assertThat(ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/5001")))).as("not retried in the thread").hasSize(1);
        assertThat(ITGLUE.findAll(getRequestedFor(urlPathEqualTo("/passwords/5001")))).isEmpty();
    }

    @Test
    void aHangingITGlueHoldsNoMoreThreadsThanItsShareAndTheNextCallFailsAtOnce() {
        ITGLUE.stubFor(get(urlPathEqualTo("/passwords/5001")).willReturn(jsonApi(200, "{\"data\":" + records(5001, 1) + "}")
                .withFixedDelay(2_000)));
        ITGlueVault vault = vault(1000, 2);
        List<CompletableFuture<?>> hanging = List.of(CompletableFuture.runAsync(() -> vault.record("5001")),
                CompletableFuture.runAsync(() -> vault.record("5001")));
        await().until(() -> ITGLUE.findAll(getRequestedFor(urlPathEqualTo("/passwords/5001"))).size() == 2);

        assertThatThrownBy(() -> vault.record("5001")).isInstanceOf(VaultUnavailableException.class)
                .hasMessage("IT Glue already has 2 calls under way on this node (rotabot.itglue.max-concurrent-calls) "
                        + "and none ended within 100 ms; this one was not sent");

        CompletableFuture.allOf(hanging.toArray(CompletableFuture[]::new)).join();
        assertThat(ITGLUE.findAll(getRequestedFor(urlPathEqualTo("/passwords/5001")))).hasSize(2);
        assertThat(vault.record("5001")).as("a place is free again once a call ends").isPresent();
    }

    @Test
    void aCallsWorstCaseAsShippedFitsThreeTimesIntoTheJobLock() {
        ExternalCalls.Bounds shipped = ApplicationYaml.binder().bind("rotabot.itglue", ITGlueProperties.class).get().bounds();

        assertThat(shipped.worstCase()).as("5 s + 3 x (5 s + 5 s + 30 s) + 2 x 15 s, as application.yaml says")
                .isEqualTo(Duration.ofSeconds(155));
        assertThat(shipped.worstCaseStep()).isEqualTo(Duration.ofSeconds(465)).isLessThan(ApplicationYaml.jobLock());
    }

    private static ITGlueVault vault(int pageSize) {
        return vault(pageSize, 3);
    }

    private static ITGlueVault vault(int pageSize, int maxConcurrentCalls) {
        return new ITGlueVault(new ITGlueProperties(URI.create(ITGLUE.baseUrl()), VendorStubs.ITGLUE_KEY, Duration.ofSeconds(2),
                Duration.ofSeconds(5), 3, Duration.ofMillis(50), Duration.ofSeconds(5), 3000, Duration.ofSeconds(1),
                maxConcurrentCalls, Duration.ofMillis(100), pageSize),
                RetryRegistry.ofDefaults(), RateLimiterRegistry.ofDefaults(), BulkheadRegistry.ofDefaults(), 600_000);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder jsonApi(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", VendorStubs.JSON_API).withBody(body);
    }

    private static String organization(long id, String name) {
        return "{\"id\":\"" + id + "\",\"type\":\"organizations\",\"attributes\":{\"name\":\"" + name
                + "\",\"short-name\":\"" + name.substring(0, 3).toLowerCase() + "\",\"organization-status-name\":\"Active\"}}";
    }

    private static String records(int firstId, int count) {
        return IntStream.range(firstId, firstId + count).mapToObj(id -> "{\"id\":\"" + id + "\",\"type\":\"passwords\","
                + "\"attributes\":{\"organization-id\":3821001,\"name\":\"Account " + id + "\",\"username\":\"user" + id
                + "\",\"url\":\"https://portal.acme.test\",\"password-category-name\":\"Active Directory\""
                + ",\"resource-url\":\"https://msp.itglue.com/3821001/passwords/" + id + "\",\"restricted\":false,"
                + "\"archived\":" + (id % 10 == 1) + ",\"updated-at\":\"2026-11-01T10:00:00.000Z\"}}")
                .collect(Collectors.joining(","));
    }
}
