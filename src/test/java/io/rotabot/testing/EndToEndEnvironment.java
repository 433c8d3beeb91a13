package io.rotabot.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import io.rotabot.sandbox.SandboxDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import io.rotabot.directory.Directory;
import io.rotabot.intake.WebhookSignature;
import java.time.Duration;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import static org.awaitility.Awaitility.await;
import io.rotabot.matching.Approval;
import io.rotabot.matching.Matches;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * One Rotabot on a random port with its real clients pointed at WireMock stubs of Autotask and IT Glue,
 * and its AD adapter at the sandbox's LDAPS directory, on an in-memory H2 database unless a subclass
 * registers another. Shared by the end-to-end tests, so Spring starts it once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:e2e;DB_CLOSE_DELAY=-1")
public abstract class EndToEndEnvironment {

    public static final String WEBHOOK_SECRET = "test-webhook-secret";
    public static final long ACME_COMPANY = 1001;
    public static final long ACME_ITGLUE = 3821001;
    /** Globex's domain has a minimum password age of one day and a minimum length of 12. */
    public static final long GLOBEX_COMPANY = 2002;
    public static final long GLOBEX_ITGLUE = 3821002;

    protected static final WireMockServer AUTOTASK = new WireMockServer(options().dynamicPort());
    protected static final WireMockServer ITGLUE = new WireMockServer(options().dynamicPort()
            .extensions(new VendorStubs.ITGlueReadBack()));
    protected static final SandboxDirectory LDAP;
    /** An in-process SMTP server that receives Rotabot's e-mails. */
    protected static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    /** Where initech's directory should be: nothing listens there. */
    protected static final int CLOSED_PORT;

    static {
        SMTP.start();
        AUTOTASK.start();
        ITGLUE.start();
        try {
            Path work = Files.createTempDirectory("rotabot-e2e");
            LDAP = SandboxDirectory.start(0, work, EndToEndEnvironment.class.getResourceAsStream("/sandbox/directory.ldif"),
                    "DC=acme,DC=test", "DC=globex,DC=test");
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
                CLOSED_PORT = probe.getLocalPort();
            }
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void systemsUnderTest(DynamicPropertyRegistry properties) {
        String masterKey = TestSecrets.newMasterKey();
        properties.add("rotabot.security.master-key", () -> masterKey);
        properties.add("rotabot.security.admin-password", () -> "test-admin-password");
        properties.add("rotabot.autotask.base-url", () -> AUTOTASK.baseUrl() + "/ATServicesRest");
        properties.add("rotabot.autotask.api-integration-code", () -> VendorStubs.AUTOTASK_CODE);
        properties.add("rotabot.autotask.username", () -> VendorStubs.AUTOTASK_USER);
        properties.add("rotabot.autotask.secret", () -> VendorStubs.AUTOTASK_SECRET);
        properties.add("rotabot.autotask.first-backoff", () -> "50ms");
        properties.add("rotabot.autotask.webhook.secret", () -> WEBHOOK_SECRET);
        properties.add("rotabot.itglue.base-url", ITGLUE::baseUrl);
        properties.add("rotabot.itglue.api-key", () -> VendorStubs.ITGLUE_KEY);
        properties.add("rotabot.itglue.max-attempts", () -> "2");
        properties.add("rotabot.itglue.first-backoff", () -> "50ms");
        properties.add("rotabot.rotation.first-retry", () -> "1s");
        properties.add("rotabot.organizations.acme.name", () -> "ACME Ltd");
        properties.add("rotabot.organizations.acme.autotask-company-id", () -> ACME_COMPANY);
        properties.add("rotabot.organizations.acme.itglue-organization-id", () -> ACME_ITGLUE);
        properties.add("rotabot.directory.connections.acme.urls", () -> "ldaps://localhost:" + LDAP.port());
        properties.add("rotabot.directory.connections.acme.ca-certificate", () -> LDAP.caCertificate().toString());
        properties.add("rotabot.directory.connections.acme.bind-dn", () -> "CN=Rotabot Service,CN=Users,DC=acme,DC=test");
        // stored encrypted, as an administrator would configure it after POST /api/secrets
        properties.add("rotabot.directory.connections.acme.bind-password",
                () -> TestSecrets.encrypted(masterKey, "Demo-Svc-Passw0rd-acme!"));
        properties.add("rotabot.directory.connections.acme.base-dn", () -> "DC=acme,DC=test");
        properties.add("rotabot.organizations.globex.name", () -> "Globex Corp");
        properties.add("rotabot.organizations.globex.autotask-company-id", () -> GLOBEX_COMPANY);
        properties.add("rotabot.organizations.globex.itglue-organization-id", () -> GLOBEX_ITGLUE);
        properties.add("rotabot.directory.connections.globex.urls", () -> "ldaps://localhost:" + LDAP.port());
        properties.add("rotabot.directory.connections.globex.ca-certificate", () -> LDAP.caCertificate().toString());
        properties.add("rotabot.directory.connections.globex.bind-dn", () -> "CN=Rotabot Service,CN=Users,DC=globex,DC=test");
        properties.add("rotabot.directory.connections.globex.bind-password", () -> "Demo-Svc-Passw0rd-globex!");
        properties.add("rotabot.directory.connections.globex.base-dn", () -> "DC=globex,DC=test");
        properties.add("rotabot.organizations.initech.name", () -> "Initech (directory down)");
        properties.add("rotabot.organizations.initech.autotask-company-id", () -> 3003);
        properties.add("rotabot.organizations.initech.itglue-organization-id", () -> 3821003);
        properties.add("rotabot.directory.connections.initech.urls", () -> "ldaps://localhost:" + CLOSED_PORT);
        properties.add("rotabot.directory.connections.initech.ca-certificate", () -> LDAP.caCertificate().toString());
        properties.add("rotabot.directory.connections.initech.bind-dn", () -> "CN=Rotabot Service,CN=Users,DC=initech,DC=test");
        properties.add("rotabot.directory.connections.initech.bind-password", () -> "unused");
        properties.add("rotabot.directory.connections.initech.base-dn", () -> "DC=initech,DC=test");
        properties.add("rotabot.directory.connections.initech.connect-timeout", () -> "1s");
        properties.add("rotabot.notify.administrators", () -> "ops@msp.test");
        properties.add("rotabot.intake.dispatch-interval", () -> "100ms");
        // tests share one database: their many tickets must not reach the burst limit unless a test sets it
        properties.add("rotabot.ticket-bot.resets-per-hour", () -> "1000");
        properties.add("rotabot.intake.catch-up-initial-delay", () -> "24h"); // tests run it themselves
        properties.add("spring.mail.host", () -> "127.0.0.1");
        properties.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        properties.add("camunda.bpm.job-execution.wait-time-in-millis", () -> "100");
        properties.add("camunda.bpm.job-execution.max-wait", () -> "500");
    }

    @Autowired
    protected Matches matches;
    @Autowired
    private Directory directory;
    @Autowired
    protected HistoryService history;
    @LocalServerPort
    protected int port;

    private final HttpClient http = HttpClient.newHttpClient();

    /** A JSON call to this Rotabot, as the administrator or as a stranger; body null for none. */
    protected HttpResponse<String> api(String method, String path, String body, boolean administrator) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (administrator) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString("admin:test-admin-password".getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Makes the account's approved match this record, as a technician would: sync (the vault listing
     * the record), then approve, undoing an earlier match of either side first.
     */
    protected void approvedMatch(String accountId, String recordId, String username) {
        VendorStubs.itglueRecordList(ITGLUE, ACME_ITGLUE, recordId + ":" + username);
        matches.sync("acme");
        Optional<String> current = matches.approvedRecord("acme", accountId);
        if (current.equals(Optional.of(recordId))) {
            return;
        }
        if (current.isPresent()) {
            matches.remove("acme", List.of(accountId), false);
        }
        matches.approve("acme", List.of(new Approval(accountId, Optional.of(recordId))));
    }

    @BeforeEach
    void freshStubs() {
        AUTOTASK.resetAll();
        ITGLUE.resetAll();
    }

    /** A connection to the test directory bound as acme's service account, which may add and delete entries. */
    protected static LDAPConnection sandboxAdministrator() throws Exception {
        SSLUtil tls = new SSLUtil(new PEMFileTrustManager(LDAP.caCertificate().toFile()));
        LDAPConnection connection = new LDAPConnection(tls.createSSLSocketFactory(), "localhost", LDAP.port());
        connection.bind("CN=Rotabot Service,CN=Users,DC=acme,DC=test", "Demo-Svc-Passw0rd-acme!");
        return connection;
    }

    /** Adds acme user accounts (name@acme.test), each with an objectGUID as AD gives one, and returns their ids. */
    protected List<String> newAcmeUsers(List<String> names) throws Exception {
        try (LDAPConnection ldap = sandboxAdministrator()) {
            for (String name : names) {
                UUID guid = UUID.randomUUID();
                ldap.add(new Entry("CN=" + name + ",CN=Users,DC=acme,DC=test",
                        new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                        new Attribute("cn", name), new Attribute("sn", name), new Attribute("sAMAccountName", name),
                        new Attribute("userPrincipalName", name + "@acme.test"), new Attribute("userAccountControl", "512"),
                        new Attribute("objectGUID", ByteBuffer.allocate(16).putLong(guid.getMostSignificantBits())
                                .putLong(guid.getLeastSignificantBits()).array())));
            }
        }
        return names.stream().map(name -> directory.findByEmail("acme", name + "@acme.test").orElseThrow().id()).toList();
    }

    protected String newAcmeUser(String name) throws Exception {
        return newAcmeUsers(List.of(name)).get(0);
    }

    /** A ticket webhook body in the shape Autotask sends. */
    protected static byte[] webhook(long ticketId, String action) {
        return ("{\"Action\":\"" + action + "\",\"Guid\":\"5e3c0a4e-6a57-4b1e-9f5b-0c8d8c2e7a11\",\"EntityType\":\"Ticket\","
                + "\"Id\":" + ticketId + ",\"Fields\":{\"TicketNumber\":\"T20261127.0001\",\"Status\":\"1\"},"
                + "\"EventTime\":\"2026-11-27T08:15:02Z\",\"SequenceNumber\":1,\"PersonID\":30691780}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Posts a webhook body signed as Autotask signs it. */
    protected HttpResponse<String> deliver(byte[] body) throws Exception {
        return send(body, new WebhookSignature(WEBHOOK_SECRET).sign(body), "application/json");
    }

    /** Posts a webhook body with this signature header (null: none) and content type. */
    protected HttpResponse<String> send(byte[] body, String signature, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/autotask/tickets"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Hook-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The ticket's reset process, once it has ended. */
    protected HistoricProcessInstance awaitTicketProcessEnded(long ticketId) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> history.createHistoricProcessInstanceQuery()
                .processDefinitionKey("ticket-password-reset").processInstanceBusinessKey(Long.toString(ticketId))
                .finished().singleResult(), p -> p != null);
    }

    /** How many reset processes the ticket has had. */
    protected long ticketProcesses(long ticketId) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey("ticket-password-reset")
                .processInstanceBusinessKey(Long.toString(ticketId)).count();
    }

    /** Whether a simple bind as this DN with this password succeeds on the test directory. */
    protected static boolean binds(String dn, String password) throws Exception {
        SSLUtil tls = new SSLUtil(new PEMFileTrustManager(LDAP.caCertificate().toFile()));
        try (LDAPConnection connection = new LDAPConnection(tls.createSSLSocketFactory(), "localhost", LDAP.port())) {
            connection.bind(dn, password);
            return true;
        } catch (LDAPException refused) {
            return false;
        }
    }
}
