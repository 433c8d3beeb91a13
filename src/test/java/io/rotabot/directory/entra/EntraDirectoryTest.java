package io.rotabot.directory.entra;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.rotabot.testing.GraphStubs.graphError;
import static io.rotabot.testing.GraphStubs.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.rotabot.directory.AccountUnlock;
import io.rotabot.directory.Diagnosis;
import io.rotabot.directory.DirectoryAccount;
import io.rotabot.directory.DirectoryAccount.Privilege;
import io.rotabot.directory.DirectoryUnavailableException;
import io.rotabot.directory.PasswordChange;
import io.rotabot.directory.PasswordCheck;
import io.rotabot.directory.ResetOptions;
import io.rotabot.security.Secret;
import io.rotabot.testing.GraphStubs;
import io.rotabot.testing.TestSecrets;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Entra ID adapter against Graph and token-endpoint stubs in their exact wire format, over HTTPS. */
class EntraDirectoryTest {

    private static final String FRANK = "0b6a3c1e-6f3a-4d5e-9d1a-1a2b3c4d5e01";
    private static final String GRACE = "0b6a3c1e-6f3a-4d5e-9d1a-1a2b3c4d5e02";
    private static final String SYNCED = "0b6a3c1e-6f3a-4d5e-9d1a-1a2b3c4d5e03";
    private static final String OTHER = "0b6a3c1e-6f3a-4d5e-9d1a-1a2b3c4d5e04";

    private static GraphStubs graph;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startGraph() throws Exception {
        graph = GraphStubs.start();
    }

    @AfterAll
    static void stopGraph() {
        graph.server().stop();
    }

    @BeforeEach
    void tenant() {
        graph.server().resetAll();
        graph.tokenEndpoint();
        graph.server().stubFor(get(urlPathEqualTo("/v1.0/directoryRoles")).willReturn(okJson("{\"value\":["
                + "{\"id\":\"role-ga\",\"displayName\":\"Global Administrator\",\"roleTemplateId\":\"" + EntraDirectory.GLOBAL_ADMINISTRATOR_TEMPLATE + "\"},"
                + "{\"id\":\"role-ua\",\"displayName\":\"User Administrator\",\"roleTemplateId\":\"fe930be7-5e62-47db-91af-98c3a49a38b1\"}]}")));
        graph.server().stubFor(get(urlPathEqualTo("/v1.0/directoryRoles/role-ga/members"))
                .willReturn(okJson("{\"value\":[{\"@odata.type\":\"#microsoft.graph.user\",\"id\":\"" + GRACE + "\"}]}")));
        graph.server().stubFor(get(urlPathEqualTo("/v1.0/directoryRoles/role-ua/members"))
                .willReturn(okJson("{\"value\":[]}")));
        graph.server().stubFor(get(urlPathEqualTo("/v1.0/users/" + FRANK))
                .willReturn(okJson(user(FRANK, "frank@contoso.test", false))));
        graph.server().stubFor(get(urlPathEqualTo("/v1.0/users/" + GRACE))
                .willReturn(okJson(user(GRACE, "grace.admin@contoso.test", false))));
    }

    @Test
    void importsEveryPageWithRolesAndSyncState() {
        String next = graph.baseUrl() + "/v1.0/users?$select=id&$top=999&$skiptoken=RFNwdAIAAQAAAB";
        graph.server().stubFor(get(urlPathEqualTo("/v1.0/users")).withQueryParam("$top", equalTo("999"))
                .withQueryParam("$skiptoken", absent())
                .willReturn(okJson("{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#users\",\"value\":["
                        + user(FRANK, "frank@contoso.test", false) + "," + user(GRACE, "grace.admin@contoso.test", false)
                        + "],\"@odata.nextLink\":\"" + next + "\"}")));
        graph.server().stubFor(get(urlPathEqualTo("/v1.0/users")).withQueryParam("$skiptoken", equalTo("RFNwdAIAAQAAAB"))
                .willReturn(okJson("{\"value\":[" + user(SYNCED, "sam@contoso.test", true) + "]}")));

        List<DirectoryAccount> accounts = adapter(EntraConnectionProperties.Access.CUSTOMER_APP).accounts("contoso");

        assertThat(accounts).extracting(DirectoryAccount::userPrincipalName)
                .containsExactly("frank@contoso.test", "grace.admin@contoso.test", "sam@contoso.test");
        assertThat(accounts).extracting(DirectoryAccount::privilege)
                .containsExactly(Privilege.NONE, Privilege.GLOBAL_ADMINISTRATOR, Privilege.NONE);
        assertThat(accounts).extracting(DirectoryAccount::syncedFromOnPremises).containsExactly(false, false, true);
        assertThat(accounts.get(0).source()).isEqualTo(DirectoryAccount.Source.ENTRA_ID);
        assertThat(accounts.get(0).domain()).isEqualTo("contoso.test");
        graph.server().verify(getRequestedFor(urlPathEqualTo("/v1.0/users"))
                .withHeader("Authorization", equalTo("Bearer " + GraphStubs.ACCESS_TOKEN)));
    }

    @Test
    void resetsThroughThePasswordProfileWithoutForcingAChange() throws Exception {
        graph.server().stubFor(patch(urlPathEqualTo("/v1.0/users/" + FRANK)).willReturn(aResponse().withStatus(204)));
        EntraDirectory directory = adapter(EntraConnectionProperties.Access.CUSTOMER_APP);
        DirectoryAccount frank = directory.account("contoso", FRANK).orElseThrow();

        PasswordChange change = directory.setPassword(frank, Secret.of("Cloud#Passw0rd-2026"), ResetOptions.PASSWORD_ONLY);

        assertThat(change.succeeded()).isTrue();
        JsonNode body = json.readTree(graph.server().findAll(patchRequestedFor(urlPathEqualTo("/v1.0/users/" + FRANK)))
                .get(0).getBodyAsString());
        assertThat(body.path("passwordProfile").path("password").asText()).isEqualTo("Cloud#Passw0rd-2026");
        assertThat(body.path("passwordProfile").path("forceChangePasswordNextSignIn").asBoolean()).isFalse();
    }

    @Test
    void aChangeAtNextSignInIsAskedForOnlyWhenTheResetSaysSo() throws Exception {
        graph.server().stubFor(patch(urlPathEqualTo("/v1.0/users/" + FRANK)).willReturn(aResponse().withStatus(204)));
        EntraDirectory directory = adapter(EntraConnectionProperties.Access.CUSTOMER_APP);
        DirectoryAccount frank = directory.account("contoso", FRANK).orElseThrow();

        assertThat(directory.setPassword(frank, Secret.of("Cloud#Passw0rd-2028"), new ResetOptions(true, true)).succeeded()).isTrue();

        JsonNode body = json.readTree(graph.server().findAll(patchRequestedFor(urlPathEqualTo("/v1.0/users/" + FRANK)))
                .get(0).getBodyAsString());
        assertThat(body.path("passwordProfile").path("forceChangePasswordNextSignIn").asBoolean()).isTrue();
    }

    @Test
    void entraHasNoAdministratorUnlockAndNoAccountIsEverLockedOutOrExpired() {
        EntraDirectory directory = adapter(EntraConnectionProperties.Access.CUSTOMER_APP);
        DirectoryAccount frank = directory.account("contoso", FRANK).orElseThrow();

        AccountUnlock unlock = directory.unlock(frank);

        assertThat(unlock.result()).isEqualTo(AccountUnlock.Result.UNSUPPORTED);
        assertThat(unlock.succeeded()).isFalse();
        assertThat(unlock.detail()).contains("smart lockout").contains("ends by itself");
        assertThat(List.of(frank.lockedOut(), frank.expired())).containsExactly(false, false);
        graph.server().verify(0, patchRequestedFor(urlPathEqualTo("/v1.0/users/" + FRANK)));
    }

    @Test
    void theMembersOfARoleAssignableGroupHoldItsRole() {
        String admins = "5a1f0c2e-8d3b-4c6a-9e7f-000000000a01";
        String helpdesk = "5a1f0c2e-8d3b-4c6a-9e7f-000000000a02";
        String next = graph.baseUrl() + "/v1.0/groups/" + admins + "/transitiveMembers/graph.user?$select=id&$skiptoken=X2FkbWlucw";
        graph.server().stubFor(get(urlPathEqualTo("/v1.0/directoryRoles/role-ga/members")).willReturn(okJson(
                "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#directoryObjects(id)\",\"value\":["
                + "{\"@odata.type\":\"#microsoft.graph.user\",\"id\":\"" + GRACE + "\"},"
                + "{\"@odata.type\":\"#microsoft.graph.group\",\"id\":\"" + admins + "\"}]}")));
        graph.server().stubFor(get(urlPathEqualTo("/v1.0/directoryRoles/role-ua/members")).willReturn(okJson(
                "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#directoryObjects(id)\",\"value\":["
                + "{\"@odata.type\":\"#microsoft.graph.group\",\"id\":\"" + helpdesk + "\"}]}")));
        graph.server().stubFor(get(urlPathEqualTo("/v1.0/groups/" + admins + "/transitiveMembers/graph.user"))
                .withQueryParam("$skiptoken", absent()).willReturn(okJson(
                "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#users(id)\",\"value\":["
                + "{\"id\":\"" + FRANK + "\"}],\"@odata.nextLink\":\"" + next + "\"}")));
        graph.server().stubFor(get(urlPathEqualTo("/v1.0/groups/" + admins + "/transitiveMembers/graph.user"))
                .withQueryParam("$skiptoken", equalTo("X2FkbWlucw")).willReturn(okJson(
                "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#users(id)\",\"value\":["
                + "{\"id\":\"" + SYNCED + "\"}]}")));
        graph.server().stubFor(get(urlPathEqualTo("/v1.0/groups/" + helpdesk + "/transitiveMembers/graph.user")).willReturn(okJson(
                "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#users(id)\",\"value\":["
                + "{\"id\":\"" + FRANK + "\"},{\"id\":\"" + OTHER + "\"}]}")));
        graph.server().stubFor(get(urlPathEqualTo("/v1.0/users")).willReturn(okJson("{\"value\":["
                + user(FRANK, "frank@contoso.test", false) + "," + user(GRACE, "grace.admin@contoso.test", false) + ","
                + user(SYNCED, "sam@contoso.test", true) + "," + user(OTHER, "olga@contoso.test", false) + "]}")));

        List<DirectoryAccount> accounts = adapter(EntraConnectionProperties.Access.CUSTOMER_APP).accounts("contoso");

        assertThat(accounts).extracting(DirectoryAccount::privilege).containsExactly(Privilege.GLOBAL_ADMINISTRATOR,
                Privilege.GLOBAL_ADMINISTRATOR, Privilege.GLOBAL_ADMINISTRATOR, Privilege.ADMINISTRATOR);
    }

    @Test
    void aGroupHoldingARoleThatTheAppMayNotReadFailsTheImportRatherThanHideAdministrators() {
        String admins = "5a1f0c2e-8d3b-4c6a-9e7f-000000000a01";
        graph.server().stubFor(get(urlPathEqualTo("/v1.0/directoryRoles/role-ga/members")).willReturn(okJson(
                "{\"value\":[{\"@odata.type\":\"#microsoft.graph.group\",\"id\":\"" + admins + "\"}]}")));
        graph.server().stubFor(get(urlPathEqualTo("/v1.0/groups/" + admins + "/transitiveMembers/graph.user"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody(graphError("Authorization_RequestDenied", "Insufficient privileges to complete the operation."))));
        graph.server().stubFor(get(urlPathEqualTo("/v1.0/users")).willReturn(okJson("{\"value\":[" + user(FRANK, "frank@contoso.test", false) + "]}")));

        assertThatThrownBy(() -> adapter(EntraConnectionProperties.Access.CUSTOMER_APP).accounts("contoso"))
                .isInstanceOf(DirectoryUnavailableException.class)
                .hasMessageContaining("Global Administrator").hasMessageContaining("GroupMember.Read.All")
                .hasMessageContaining("Authorization_RequestDenied");
    }

    @Test
    void singleLookupsReuseRecentlyReadRolesAndAnImportReadsThemAfresh() {
        EntraDirectory directory = adapter(EntraConnectionProperties.Access.CUSTOMER_APP);
        graph.server().stubFor(get(urlPathEqualTo("/v1.0/users")).willReturn(okJson("{\"value\":[" + user(FRANK, "frank@contoso.test", false) + "]}")));

        directory.account("contoso", FRANK);
        directory.account("contoso", GRACE);
        directory.accounts("contoso");

        graph.server().verify(2, getRequestedFor(urlPathEqualTo("/v1.0/directoryRoles")));
    }

    @Test
    void aThrottledResetWaitsWhatRetryAfterSaysAndSucceeds() {
        graph.server().stubFor(patch(urlPathEqualTo("/v1.0/users/" + FRANK)).inScenario("throttle")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("cooled")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json")
                        .withBody(graphError("TooManyRequests", "Too many requests. Please try again later."))));
        graph.server().stubFor(patch(urlPathEqualTo("/v1.0/users/" + FRANK)).inScenario("throttle")
                .whenScenarioStateIs("cooled").willReturn(aResponse().withStatus(204)));
        EntraDirectory directory = adapter(EntraConnectionProperties.Access.CUSTOMER_APP);

        PasswordChange change = directory.setPassword(directory.account("contoso", FRANK).orElseThrow(),
                Secret.of("Cloud#Passw0rd-2027"), ResetOptions.PASSWORD_ONLY);

        assertThat(change.succeeded()).isTrue();
        assertThat(graph.server().findAll(patchRequestedFor(urlPathEqualTo("/v1.0/users/" + FRANK)))).hasSize(2);
    }

    @Test
    void aRefusalOnAnAdministratorNamesTheMissingRoleAndGdapRefusalsAreTheTenants() {
        graph.server().stubFor(patch(urlPathEqualTo("/v1.0/users/" + GRACE)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody(graphError("Authorization_RequestDenied", "Insufficient privileges to complete the operation."))));
        EntraDirectory own = adapter(EntraConnectionProperties.Access.CUSTOMER_APP);
        EntraDirectory gdap = adapter(EntraConnectionProperties.Access.MSP_GDAP);
        DirectoryAccount grace = own.account("contoso", GRACE).orElseThrow();

        PasswordChange refused = own.setPassword(grace, Secret.of("Admin#Passw0rd-2026"), ResetOptions.PASSWORD_ONLY);
        PasswordChange tenant = gdap.setPassword(grace, Secret.of("Admin#Passw0rd-2026"), ResetOptions.PASSWORD_ONLY);

        assertThat(grace.privilege()).isEqualTo(Privilege.GLOBAL_ADMINISTRATOR);
        assertThat(refused.result()).isEqualTo(PasswordChange.Result.NOT_PERMITTED);
        assertThat(refused.detail()).contains("Privileged Authentication Administrator").contains("Authorization_RequestDenied");
        assertThat(tenant.result()).isEqualTo(PasswordChange.Result.TENANT_NOT_PERMITTED);
        assertThat(tenant.detail()).contains("GDAP");
    }

    @Test
    void aSyncedUserIsNeverResetThroughGraph() {
        EntraDirectory directory = adapter(EntraConnectionProperties.Access.CUSTOMER_APP);
        DirectoryAccount synced = new DirectoryAccount("contoso", DirectoryAccount.Source.ENTRA_ID, SYNCED, "", "",
                "sam@contoso.test", "sam@contoso.test", "Sam", "contoso.test", true, false, false, Privilege.NONE, true, Optional.empty());

        PasswordChange change = directory.setPassword(synced, Secret.of("Never#Sent-2026"), ResetOptions.PASSWORD_ONLY);

        assertThat(change.result()).isEqualTo(PasswordChange.Result.MASTERED_ON_PREMISES);
        assertThat(graph.server().findAll(patchRequestedFor(urlPathEqualTo("/v1.0/users/" + SYNCED)))).isEmpty();
    }

    @Test
    void aWeakPasswordAndAVanishedUserAreAnswersNotOutages() {
        graph.server().stubFor(patch(urlPathEqualTo("/v1.0/users/" + FRANK)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(graphError("Request_BadRequest",
                        "The specified password does not comply with password complexity requirements. Please provide a different password."))));
        graph.server().stubFor(get(urlPathEqualTo("/v1.0/users/" + SYNCED)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(graphError("Request_ResourceNotFound",
                        "Resource '" + SYNCED + "' does not exist or one of its queried reference-property objects are not present."))));
        EntraDirectory directory = adapter(EntraConnectionProperties.Access.CUSTOMER_APP);

        PasswordChange weak = directory.setPassword(directory.account("contoso", FRANK).orElseThrow(), Secret.of("weak"), ResetOptions.PASSWORD_ONLY);

        assertThat(weak.result()).isEqualTo(PasswordChange.Result.REJECTED_BY_POLICY);
        assertThat(weak.detail()).contains("complexity requirements");
        assertThat(directory.account("contoso", SYNCED)).isEmpty();
    }

    @Test
    void graphsTextIsCleanedBeforeItBecomesAReasonOrAnOutage() {
        graph.server().stubFor(patch(urlPathEqualTo("/v1.0/users/" + FRANK)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(graphError("Request_BadRequest",
                        "The specified password does not comply with password complexity requirements.\\r\\nPlease provide a different password.\\u0000"))));
        graph.server().stubFor(patch(urlPathEqualTo("/v1.0/users/" + GRACE)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody(graphError("UnknownError", "Something went wrong.\\u0000"))));
        EntraDirectory directory = adapter(EntraConnectionProperties.Access.CUSTOMER_APP);
        DirectoryAccount grace = directory.account("contoso", GRACE).orElseThrow();

        PasswordChange weak = directory.setPassword(directory.account("contoso", FRANK).orElseThrow(), Secret.of("weak"), ResetOptions.PASSWORD_ONLY);

        assertThat(weak.detail()).isEqualTo("Entra ID refused the password: HTTP 400 Request_BadRequest: The specified password does "
                + "not comply with password complexity requirements. Please provide a different password.");
        assertThatThrownBy(() -> directory.setPassword(grace, Secret.of("Admin#Passw0rd-2026"), ResetOptions.PASSWORD_ONLY))
                .isInstanceOf(DirectoryUnavailableException.class)
                .hasMessageEndingWith("HTTP 500 UnknownError: Something went wrong.");
    }

    @Test
    void entraCannotTellWhetherItHoldsAPasswordAndDoesNotAsk() {
        EntraDirectory directory = adapter(EntraConnectionProperties.Access.CUSTOMER_APP);
        DirectoryAccount frank = directory.account("contoso", FRANK).orElseThrow();
        graph.server().resetRequests();

        assertThat(directory.holds(frank, Secret.of("Cloud#Passw0rd-2026"))).isEqualTo(PasswordCheck.UNKNOWN);
        assertThat(graph.server().getAllServeEvents()).isEmpty();
    }

    @Test
    void aRefusedAppSecretIsAnOutageAndTheDiagnosisSaysWhatToCheck() {
        EntraDirectory wrongSecret = new EntraDirectory(new GraphTenants(new EntraConnectionProperties(Map.of("contoso",
                connection(EntraConnectionProperties.Access.CUSTOMER_APP, "not-the-secret"))), TestSecrets.configurationSecrets()));

        assertThatThrownBy(() -> wrongSecret.account("contoso", FRANK))
                .isInstanceOf(DirectoryUnavailableException.class)
                .hasMessageContaining("AADSTS7000215");
        Diagnosis diagnosis = wrongSecret.diagnose("contoso").get(0);
        assertThat(diagnosis.healthy()).isFalse();
        assertThat(diagnosis.steps().get(0).advice()).contains("client-secret");
    }

    @Test
    void anAppCertificateSignsAClientAssertionInsteadOfASecret(@TempDir Path keys)
            throws Exception {
        Path pem = keys.resolve("app.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=rotabot-test-app", "-keyout", keys.resolve("key.pem").toString(),
                "-out", keys.resolve("cert.pem").toString()).redirectErrorStream(true).start();
        assertThat(openssl.waitFor()).as(new String(openssl.getInputStream().readAllBytes())).isZero();
        Files.writeString(pem, Files.readString(keys.resolve("cert.pem"))
                + Files.readString(keys.resolve("key.pem")));
        graph.server().stubFor(post(urlPathEqualTo("/" + GraphStubs.TENANT + "/oauth2/v2.0/token"))
                .atPriority(1)
                .withRequestBody(containing(
                        "client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"))
                .withRequestBody(containing("client_assertion=ey"))
                .willReturn(okJson("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"certificate-token\"}")));
        EntraDirectory directory = new EntraDirectory(new GraphTenants(new EntraConnectionProperties(Map.of("contoso",
                new EntraConnectionProperties.Connection(GraphStubs.TENANT, GraphStubs.CLIENT_ID, null, pem,
                        EntraConnectionProperties.Access.CUSTOMER_APP, URI.create(graph.baseUrl() + "/v1.0"),
                        URI.create(graph.baseUrl() + "/"), graph.caCertificate(), Duration.ofSeconds(2),
                        Duration.ofSeconds(10)))), TestSecrets.configurationSecrets()));

        assertThat(directory.account("contoso", FRANK)).isPresent();
        graph.server().verify(getRequestedFor(urlPathEqualTo("/v1.0/users/" + FRANK))
                .withHeader("Authorization", equalTo("Bearer certificate-token")));
    }

    private static EntraDirectory adapter(EntraConnectionProperties.Access access) {
        return new EntraDirectory(new GraphTenants(new EntraConnectionProperties(Map.of("contoso",
                connection(access, GraphStubs.CLIENT_SECRET))), TestSecrets.configurationSecrets()));
    }

    private static EntraConnectionProperties.Connection connection(EntraConnectionProperties.Access access, String secret) {
        return new EntraConnectionProperties.Connection(GraphStubs.TENANT, GraphStubs.CLIENT_ID, secret, null, access,
                URI.create(graph.baseUrl() + "/v1.0"), URI.create(graph.baseUrl() + "/"), graph.caCertificate(),
                Duration.ofSeconds(2), Duration.ofSeconds(10));
    }
}
