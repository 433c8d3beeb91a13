package io.rotabot.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.rotabot.sandbox.LocalCertificate;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A WireMock server over HTTPS (azure-identity refuses a plain-HTTP authority) that speaks the Microsoft
 * identity platform's token endpoint and Graph's JSON, with a certificate the tests trust through a PEM.
 */
public final class GraphStubs {

    public static final String TENANT = "contoso-tenant";
    public static final String CLIENT_ID = "11111111-2222-3333-4444-555555555555";
    public static final String CLIENT_SECRET = "test-graph-client-secret";
    public static final String ACCESS_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.test-token.signature";

    private final WireMockServer server;
    private final Path caCertificate;

    private GraphStubs(WireMockServer server, Path caCertificate) {
        this.server = server;
        this.caCertificate = caCertificate;
    }

    public static GraphStubs start() throws Exception {
        LocalCertificate certificate = LocalCertificate.create(Files.createTempDirectory("graph-stubs"), "graph");
        WireMockServer server = new WireMockServer(options().httpDisabled(true).dynamicHttpsPort()
                .keystorePath(certificate.keyStore().toString()).keystoreType("PKCS12")
                .keystorePassword(new String(certificate.pin())).keyManagerPassword(new String(certificate.pin())));
        server.start();
        return new GraphStubs(server, certificate.pem());
    }

    public WireMockServer server() {
        return server;
    }

    public Path caCertificate() {
        return caCertificate;
    }

    public String baseUrl() {
        return "https://localhost:" + server.httpsPort();
    }

    /** The client-credentials token endpoint, answering only the right client id and secret. */
    public void tokenEndpoint() {
        server.stubFor(post(urlPathEqualTo("/" + TENANT + "/oauth2/v2.0/token"))
                .withRequestBody(containing("client_id=" + CLIENT_ID))
                .withRequestBody(containing("client_secret=" + CLIENT_SECRET))
                .withRequestBody(containing("grant_type=client_credentials"))
                .willReturn(okJson("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,"
                        + "\"access_token\":\"" + ACCESS_TOKEN + "\"}")));
        server.stubFor(post(urlPathEqualTo("/" + TENANT + "/oauth2/v2.0/token")).atPriority(10)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret "
                                + "provided. Ensure the secret being sent in the request is the client secret value, not the "
                                + "client secret ID.\",\"error_codes\":[7000215]}")));
    }

    /** No directory role holds anyone, unless a test says otherwise. */
    public void noRoles() {
        server.stubFor(get(urlPathEqualTo("/v1.0/directoryRoles"))
                .willReturn(okJson("{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#directoryRoles\",\"value\":[]}")));
    }

    public static String user(String id, String upn, boolean synced) {
        return "{\"id\":\"" + id + "\",\"userPrincipalName\":\"" + upn + "\",\"mail\":\"" + upn + "\",\"displayName\":\""
                + upn.replaceAll("@.*", "") + "\",\"onPremisesSyncEnabled\":" + (synced ? "true" : "null")
                + ",\"accountEnabled\":true,\"lastPasswordChangeDateTime\":\"2026-10-01T08:00:00Z\"}";
    }

    public static String graphError(String code, String message) {
        return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"innerError\":{\"date\":"
                + "\"2026-11-27T08:15:02\",\"request-id\":\"8c1f2f0e-0000-4000-8000-000000000001\","
                + "\"client-request-id\":\"8c1f2f0e-0000-4000-8000-000000000002\"}}}";
    }
}
