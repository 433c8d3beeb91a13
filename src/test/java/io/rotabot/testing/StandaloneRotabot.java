package io.rotabot.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import io.rotabot.RotabotApplication;
import io.rotabot.sandbox.SandboxDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Rotabot of its own, for tests that stop and start it on the same file database: acme's directory is
 * a sandbox directory of its own, its vault an IT Glue stub of its own, Autotask unreachable.
 */
public final class StandaloneRotabot implements AutoCloseable {

    public final WireMockServer itglue = new WireMockServer(options().dynamicPort().extensions(new VendorStubs.ITGlueReadBack()));
    public final SandboxDirectory ldap;
    private final Path database;
    private final String masterKey = TestSecrets.newMasterKey();

    private StandaloneRotabot(Path work) throws Exception {
        itglue.start();
        database = work.resolve("db");
        ldap = SandboxDirectory.start(0, work.resolve("ldap"), StandaloneRotabot.class.getResourceAsStream("/sandbox/directory.ldif"),
                "DC=acme,DC=test", "DC=globex,DC=test");
    }

    public static StandaloneRotabot prepare(String name) throws Exception {
        return new StandaloneRotabot(Files.createTempDirectory("rotabot-" + name));
    }

    /** Starts Rotabot on the database the previous start left behind. */
    public ConfigurableApplicationContext start() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", 0);
        properties.put("spring.datasource.url", "jdbc:h2:file:" + database + ";AUTO_SERVER=FALSE");
        properties.put("rotabot.security.master-key", masterKey);
        properties.put("rotabot.security.admin-password", "standalone-test");
        properties.put("rotabot.autotask.base-url", "http://localhost:9/ATServicesRest");
        properties.put("rotabot.autotask.api-integration-code", "unused");
        properties.put("rotabot.autotask.username", "unused");
        properties.put("rotabot.autotask.secret", "unused");
        properties.put("rotabot.autotask.webhook.secret", "unused");
        properties.put("rotabot.intake.catch-up-initial-delay", "24h");
        properties.put("rotabot.itglue.base-url", itglue.baseUrl());
        properties.put("rotabot.itglue.api-key", VendorStubs.ITGLUE_KEY);
        properties.put("rotabot.itglue.max-attempts", 1);
        properties.put("rotabot.organizations.acme.name", "ACME Ltd");
        properties.put("rotabot.organizations.acme.autotask-company-id", 1001);
        properties.put("rotabot.organizations.acme.itglue-organization-id", 3821001);
        properties.put("rotabot.directory.connections.acme.urls", "ldaps://localhost:" + ldap.port());
        properties.put("rotabot.directory.connections.acme.ca-certificate", ldap.caCertificate().toString());
        properties.put("rotabot.directory.connections.acme.bind-dn", "CN=Rotabot Service,CN=Users,DC=acme,DC=test");
        properties.put("rotabot.directory.connections.acme.bind-password", "Demo-Svc-Passw0rd-acme!");
        properties.put("rotabot.directory.connections.acme.base-dn", "DC=acme,DC=test");
        properties.put("rotabot.matching.sync-cron", "-");
        // as command-line arguments: they win over application.yaml, as an operator's would
        return new SpringApplicationBuilder(RotabotApplication.class).run(properties.entrySet().stream()
                .map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new));
    }

    /** A connection to the directory, not yet bound. */
    public LDAPConnection connect() throws Exception {
        SSLUtil tls = new SSLUtil(new PEMFileTrustManager(ldap.caCertificate().toFile()));
        return new LDAPConnection(tls.createSSLSocketFactory(), "localhost", ldap.port());
    }

    /** Whether a simple bind as this DN with this password succeeds. */
    public boolean binds(String dn, String password) throws Exception {
        try (LDAPConnection connection = connect()) {
            connection.bind(dn, password);
            return true;
        } catch (Exception refused) {
            return false;
        }
    }

    /** The distinct passwords the vault record was PATCHed with, in order. */
    public List<String> vaultPasswords(String recordId) {
        ObjectMapper json = new ObjectMapper();
        return itglue.findAll(patchRequestedFor(urlPathEqualTo("/passwords/" + recordId))).stream().map(r -> {
            try {
                return json.readTree(r.getBodyAsString()).path("data").path("attributes").path("password").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).distinct().toList();
    }

    @Override
    public void close() {
        itglue.stop();
        ldap.close();
    }
}
