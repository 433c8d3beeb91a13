package io.rotabot.directory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.rotabot.testing.GraphStubs.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rotabot.rotation.PasswordRotation;
import io.rotabot.rotation.Rotation;
import io.rotabot.rotation.RotationRequest;
import io.rotabot.rotation.RotationStatus;
import io.rotabot.testing.EndToEndEnvironment;
import io.rotabot.testing.VendorStubs;
import java.util.Optional;
import java.util.UUID;
import io.rotabot.testing.GraphStubs;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One organization with both an Active Directory (the sandbox's LDAPS directory) and an Entra ID tenant
 * (Graph stubs): the AD account wins for a synced user, a cloud-only user is found in Entra ID and
 * rotated through Graph, and a refusal maps to the status a user must act on.
 */
class DirectoriesTest extends EndToEndEnvironment {

    private static final String FRANK = "0b6a3c1e-6f3a-4d5e-9d1a-1a2b3c4d5e01";
    private static final String ALICE_IN_ENTRA = "0b6a3c1e-6f3a-4d5e-9d1a-1a2b3c4d5e09";
    private static final GraphStubs GRAPH = startGraph();

    @Autowired
    Directory directory;
    @Autowired
    PasswordRotation rotation;

    private final ObjectMapper json = new ObjectMapper();

    @DynamicPropertySource
    static void acmeAlsoHasATenant(DynamicPropertyRegistry properties) {
        properties.add("rotabot.entra.connections.acme.tenant-id", () -> GraphStubs.TENANT);
        properties.add("rotabot.entra.connections.acme.client-id", () -> GraphStubs.CLIENT_ID);
        properties.add("rotabot.entra.connections.acme.client-secret", () -> GraphStubs.CLIENT_SECRET);
        properties.add("rotabot.entra.connections.acme.graph-url", () -> GRAPH.baseUrl() + "/v1.0");
        properties.add("rotabot.entra.connections.acme.authority-host", () -> GRAPH.baseUrl() + "/");
        properties.add("rotabot.entra.connections.acme.ca-certificate", () -> GRAPH.caCertificate().toString());
    }

    @BeforeEach
    void tenant() {
        GRAPH.server().resetAll();
        GRAPH.tokenEndpoint();
        GRAPH.noRoles();
        String users = "{\"value\":[" + user(FRANK, "frank@acme.test", false) + ","
                + user(ALICE_IN_ENTRA, "alice@acme.test", true) + "]}";
        GRAPH.server().stubFor(get(urlPathEqualTo("/v1.0/users")).withQueryParam("$top", equalTo("999")).willReturn(okJson(users)));
        GRAPH.server().stubFor(get(urlPathEqualTo("/v1.0/users")).withQueryParam("$filter", equalTo(
                "mail eq 'frank@acme.test' or userPrincipalName eq 'frank@acme.test'"))
                .willReturn(okJson("{\"value\":[" + user(FRANK, "frank@acme.test", false) + "]}")));
        GRAPH.server().stubFor(get(urlPathEqualTo("/v1.0/users/" + FRANK)).willReturn(okJson(user(FRANK, "frank@acme.test", false))));
    }

    @Test
    void aSyncedUserIsItsAdAccountAndACloudUserItsEntraAccount() {
        DirectoryAccount alice = directory.findByEmail("acme", "alice@acme.test").orElseThrow();
        DirectoryAccount frank = directory.findByEmail("acme", "frank@acme.test").orElseThrow();

        assertThat(alice.source()).isEqualTo(DirectoryAccount.Source.ACTIVE_DIRECTORY);
        assertThat(frank.source()).isEqualTo(DirectoryAccount.Source.ENTRA_ID);
        assertThat(directory.account("acme", FRANK)).contains(frank);
        assertThat(directory.account("acme", alice.id())).contains(alice);
    }

    @Test
    void theAccountListHasEachPersonOnceAndSaysWhereTheyLive() {
        List<DirectoryAccount> accounts = directory.accounts("acme");

        assertThat(accounts).filteredOn(a -> a.logonName().equals("alice@acme.test")).singleElement()
                .extracting(DirectoryAccount::source).isEqualTo(DirectoryAccount.Source.ACTIVE_DIRECTORY);
        assertThat(accounts).filteredOn(a -> a.source() == DirectoryAccount.Source.ENTRA_ID)
                .extracting(DirectoryAccount::logonName).containsExactly("frank@acme.test");
    }

    @Test
    void aCloudUserIsRotatedThroughGraphAndTheVaultGetsTheSamePassword() throws Exception {
        GRAPH.server().stubFor(patch(urlPathEqualTo("/v1.0/users/" + FRANK)).willReturn(aResponse().withStatus(204)));
        approvedMatch(FRANK, "5101", "frank@acme.test");
        VendorStubs.itglueRecord(ITGLUE, "5101", ACME_ITGLUE, "frank@acme.test");

        Rotation done = rotation.rotate(new RotationRequest("entra-" + UUID.randomUUID(), "acme", FRANK, "5101", Optional.empty(), "test"));

        assertThat(done.status()).isEqualTo(RotationStatus.SUCCESSFUL);
        assertThat(done.reason()).isEqualTo("password set in the directory and stored in the vault");
        String sentToGraph = json.readTree(GRAPH.server().findAll(patchRequestedFor(urlPathEqualTo("/v1.0/users/" + FRANK)))
                .get(0).getBodyAsString()).path("passwordProfile").path("password").asText();
        String sentToVault = json.readTree(ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/5101")))
                .get(0).getBodyAsString()).path("data").path("attributes").path("password").asText();
        assertThat(sentToGraph).hasSize(20).isEqualTo(sentToVault);
    }

    @Test
    void aRefusalOnAGlobalAdministratorIsAdminNotPermitted() {
        GRAPH.server().stubFor(get(urlPathEqualTo("/v1.0/directoryRoles")).atPriority(1).willReturn(okJson(
                "{\"value\":[{\"id\":\"role-ga\",\"displayName\":\"Global Administrator\","
                + "\"roleTemplateId\":\"62e90394-69f5-4237-9190-012177145e10\"}]}")));
        GRAPH.server().stubFor(get(urlPathEqualTo("/v1.0/directoryRoles/role-ga/members"))
                .willReturn(okJson("{\"value\":[{\"@odata.type\":\"#microsoft.graph.user\",\"id\":\"" + FRANK + "\"}]}")));
        GRAPH.server().stubFor(patch(urlPathEqualTo("/v1.0/users/" + FRANK)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody(GraphStubs.graphError("Authorization_RequestDenied",
                        "Insufficient privileges to complete the operation."))));
        approvedMatch(FRANK, "5102", "frank@acme.test"); // its sync reads the roles afresh; lookups reuse them for minutes
        VendorStubs.itglueRecord(ITGLUE, "5102", ACME_ITGLUE, "frank@acme.test");

        Rotation refused = rotation.rotate(new RotationRequest("entra-admin-" + UUID.randomUUID(), "acme", FRANK, "5102",
                Optional.empty(), "test"));

        assertThat(refused.status()).isEqualTo(RotationStatus.ADMIN_NOT_PERMITTED);
        assertThat(refused.status().label()).isEqualTo("Admin Not Permitted");
        assertThat(refused.reason()).contains("Privileged Authentication Administrator");
        assertThat(ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/5102")))).isEmpty();
    }

    @Test
    void anOrganizationWithoutAnyDirectorySaysSo() {
        assertThatThrownBy(() -> directory.findByEmail("wayne-enterprises", "bruce@wayne.test"))
                .isInstanceOf(DirectoryUnavailableException.class)
                .hasMessageContaining("has no directory connection");
    }

    private static GraphStubs startGraph() {
        try {
            return GraphStubs.start();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
