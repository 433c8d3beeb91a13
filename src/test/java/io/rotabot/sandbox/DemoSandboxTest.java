package io.rotabot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.graph.core.requests.BaseGraphRequestAdapter;
import com.microsoft.graph.models.PasswordProfile;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo as a newcomer runs it: the in-process directory, the fakes, and the real clients talking
 * to the fakes over HTTP. Also holds the fakes to their vendors' wire formats (Graph through its own SDK).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("demo")
class DemoSandboxTest {

    private static final int PORT = freePort();
    private static final int LDAPS_PORT = freePort();
    private static final Path WORK = temporaryFolder();

    @Autowired
    SandboxDirectory directory;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @DynamicPropertySource
    static void demoOnFreePorts(DynamicPropertyRegistry properties) {
        properties.add("server.port", () -> PORT);
        properties.add("rotabot.sandbox.ldaps-port", () -> LDAPS_PORT);
        properties.add("rotabot.sandbox.work-dir", () -> WORK.resolve("sandbox").toString());
        properties.add("rotabot.security.master-key-file", () -> WORK.resolve("master.key").toString());
        properties.add("spring.datasource.url", () -> "jdbc:h2:mem:demo;DB_CLOSE_DELAY=-1");
        properties.add("camunda.bpm.job-execution.wait-time-in-millis", () -> "100");
    }

    @Test
    void aDemoTicketBecomesARotationANoteAndAVaultRevision() throws Exception {
        JsonNode created = post("/sandbox/tickets", "{\"contactEmail\":\"alice@acme.test\",\"title\":\"Forgot my password\","
                + "\"description\":\"I forgot my password, please reset it\"}");
        long ticketId = created.path("ticketId").asLong();

        JsonNode view = await().atMost(Duration.ofSeconds(30)).until(
                () -> get("/sandbox/tickets/" + ticketId, Map.of()), v -> v.path("notes").size() > 0);

        String note = view.path("notes").path(0).path("description").asText();
        String link = "http://localhost:" + PORT + "/sandbox/itglue-ui/3821001/passwords/5001";
        assertThat(note).contains("was reset and verified").contains(link);
        assertThat(get(link.substring(link.indexOf("/sandbox")), Map.of()).path("revisions")).hasSize(2);

        String stored = get("/sandbox/itglue/passwords/5001", Map.of("x-api-key", "demo-itglue-api-key"))
                .path("data").path("attributes").path("password").asText();
        assertThat(note).doesNotContain(stored);
        SSLUtil tls = new SSLUtil(new PEMFileTrustManager(directory.caCertificate().toFile()));
        try (LDAPConnection ldap = new LDAPConnection(tls.createSSLSocketFactory(), "localhost", directory.port())) {
            ldap.bind("CN=Alice Anders,CN=Users,DC=acme,DC=test", stored);
        }
    }

    @Test
    void theFakesRefuseCallersWithoutTheVendorsCredentials() throws Exception {
        HttpResponse<String> autotask = send(HttpRequest.newBuilder(url("/sandbox/autotask/ATServicesRest/V1.0/Tickets/1")).build());
        HttpResponse<String> itglue = send(HttpRequest.newBuilder(url("/sandbox/itglue/passwords/5001")).build());

        assertThat(autotask.statusCode()).isEqualTo(401);
        assertThat(json.readTree(autotask.body()).path("errors").path(0).isTextual()).isTrue();
        assertThat(itglue.statusCode()).isEqualTo(401);
        assertThat(itglue.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/vnd.api+json"));
        assertThat(json.readTree(itglue.body()).path("errors").path(0).path("status").asText()).isEqualTo("401");
    }

    @Test
    void theGraphFakeSpeaksGraphToTheGraphSdk() throws Exception {
        HttpResponse<String> token = send(HttpRequest.newBuilder(url("/sandbox/graph/sandbox-tenant/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=sandbox-client"
                        + "&client_secret=sandbox-demo-client-secret&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"))
                .build());
        String accessToken = json.readTree(token.body()).path("access_token").asText();
        AccessTokenProvider tokens = new AccessTokenProvider() {
            @Override
            public String getAuthorizationToken(URI uri, Map<String, Object> context) {
                return accessToken;
            }

            @Override
            public AllowedHostsValidator getAllowedHostsValidator() {
                return new AllowedHostsValidator("localhost:" + PORT);
            }
        };
        BaseGraphRequestAdapter adapter = new BaseGraphRequestAdapter(new BaseBearerTokenAuthenticationProvider(tokens));
        adapter.setBaseUrl("http://localhost:" + PORT + "/sandbox/graph/v1.0");
        GraphServiceClient graph = new GraphServiceClient(adapter);

        assertThat(graph.users().get().getValue()).extracting(User::getUserPrincipalName)
                .containsExactlyInAnyOrder("frank@globex.test", "carol@globex.test");
        User cloudUser = graph.users().byUserId("frank@globex.test").get();
        assertThat(cloudUser.getOnPremisesSyncEnabled()).isFalse();

        graph.users().byUserId(cloudUser.getId()).patch(withPassword("Cloud-Passw0rd-2026!"));

        assertThatThrownBy(() -> graph.users().byUserId(cloudUser.getId()).patch(withPassword("weak")))
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(400);
                    assertThat(e.getError().getCode()).isEqualTo("Request_BadRequest");
                });
        assertThatThrownBy(() -> graph.users().byUserId("carol@globex.test").patch(withPassword("Synced-Passw0rd-2026!")))
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getMessage()).contains("on-premises mastered"));
        assertThatThrownBy(() -> graph.users().byUserId("nobody@globex.test").get())
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(404));
    }

    private static User withPassword(String password) {
        PasswordProfile profile = new PasswordProfile();
        profile.setPassword(password);
        profile.setForceChangePasswordNextSignIn(false);
        User user = new User();
        user.setPasswordProfile(profile);
        return user;
    }

    private JsonNode post(String path, String body) throws Exception {
        return json.readTree(send(HttpRequest.newBuilder(url(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()).body());
    }

    private JsonNode get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path));
        headers.forEach(request::header);
        return json.readTree(send(request.build()).body());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static URI url(String path) {
        return URI.create("http://localhost:" + PORT + path);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("rotabot-demo");
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
