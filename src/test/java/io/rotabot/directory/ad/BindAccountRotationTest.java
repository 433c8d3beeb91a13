package io.rotabot.directory.ad;

import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import io.rotabot.directory.Directory;
import io.rotabot.matching.Approval;
import io.rotabot.matching.Matches;
import io.rotabot.rotation.PasswordRotation;
import io.rotabot.rotation.Rotation;
import io.rotabot.rotation.RotationRequest;
import io.rotabot.rotation.RotationStatus;
import io.rotabot.sandbox.SandboxDirectory;
import io.rotabot.security.Secret;
import io.rotabot.testing.StandaloneRotabot;
import io.rotabot.testing.TestSecrets;
import io.rotabot.testing.VendorStubs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The connection's own bind account, rotated alone once matched: the directory, the vault and the
 * connection's stored credential all move to the new password, the connection keeps working, also
 * after a restart with the old password still in the configuration, and after a crash between the
 * directory taking a new password and the database promoting it.
 */
class BindAccountRotationTest {

    private static final String SERVICE_DN = "CN=Rotabot Service,CN=Users,DC=acme,DC=test";
    private static final String CONFIGURED = "Demo-Svc-Passw0rd-acme!";
    private static final WireMockServer ITGLUE = new WireMockServer(options().dynamicPort()
            .extensions(new VendorStubs.ITGlueReadBack()));
    private static final String MASTER_KEY = TestSecrets.newMasterKey();
    private static SandboxDirectory ldap;
    private static Path database;

    @BeforeAll
    static void start() throws Exception {
        ITGLUE.start();
        Path work = Files.createTempDirectory("rotabot-bind-account");
        database = work.resolve("db");
        ldap = SandboxDirectory.start(0, work.resolve("ldap"), BindAccountRotationTest.class.getResourceAsStream("/sandbox/directory.ldif"),
                "DC=acme,DC=test", "DC=globex,DC=test");
    }

    @AfterAll
    static void stop() {
        ITGLUE.stop();
        ldap.close();
    }

    @Test
    void theBindAccountRotatedAloneTakesItsConnectionAlong() throws Exception {
        VendorStubs.itglueRecordList(ITGLUE, 3821001, "7001:svc-rotabot@acme.test");
        VendorStubs.itglueRecord(ITGLUE, "7001", 3821001, "svc-rotabot@acme.test");
        String rotated;
        try (ConfigurableApplicationContext rotabot = StandaloneRotabot.start(database, MASTER_KEY, ldap, ITGLUE)) {
            Directory directory = rotabot.getBean(Directory.class);
            PasswordRotation rotation = rotabot.getBean(PasswordRotation.class);
            String service = directory.findByEmail("acme", "svc-rotabot@acme.test").orElseThrow().id();

            Rotation unmatched = rotation.rotate(new RotationRequest("svc-unmatched", "acme", service, "7001", Optional.empty(), "test"));
            assertThat(unmatched.status()).isEqualTo(RotationStatus.NOT_PERMITTED);
            assertThat(unmatched.reason()).contains("not matched to vault record 7001");

            Matches matches = rotabot.getBean(Matches.class);
            matches.sync("acme");
            matches.approve("acme", List.of(new Approval(service, Optional.of("7001"))));
            Rotation inBulk = rotation.rotate(RotationRequest.inBatch("bulk-" + UUID.randomUUID(), 0, "acme", service, "7001", "test"));
            assertThat(inBulk.status()).isEqualTo(RotationStatus.ADMIN_NOT_PERMITTED);

            Rotation alone = rotation.rotate(new RotationRequest("svc-alone", "acme", service, "7001", Optional.empty(), "test"));

            assertThat(alone.status()).as(alone.reason()).isEqualTo(RotationStatus.SUCCESSFUL);
            rotated = vaultPasswords("7001").get(0);
            assertThat(binds(rotated)).isTrue();
            assertThat(binds(CONFIGURED)).as("the old password is gone").isFalse();
            assertThat(rotabot.getBean(BindCredentials.class).current("acme").map(Secret::reveal)).contains(rotated);
            assertThat(directory.accounts("acme")).as("the connection binds with the new password").isNotEmpty();
        }

        try (ConfigurableApplicationContext restarted = StandaloneRotabot.start(database, MASTER_KEY, ldap, ITGLUE)) {
            assertThat(restarted.getBean(Directory.class).findByEmail("acme", "alice@acme.test"))
                    .as("the configuration still holds the old password; the database's wins").isPresent();

            // a later rotation crashed after the directory took its password and before the database promoted it
            restarted.getBean(BindCredentials.class).stage("acme", Secret.of("Staged#Then-Crashed-42"));
            setDirectly(rotated, "Staged#Then-Crashed-42");
        }

        try (ConfigurableApplicationContext afterCrash = StandaloneRotabot.start(database, MASTER_KEY, ldap, ITGLUE)) {
            assertThat(afterCrash.getBean(Directory.class).findByEmail("acme", "alice@acme.test")).isPresent();
            BindCredentials credentials = afterCrash.getBean(BindCredentials.class);
            assertThat(credentials.current("acme").map(Secret::reveal)).contains("Staged#Then-Crashed-42");
            assertThat(credentials.pending("acme")).isEmpty();
        }
    }

    private List<String> vaultPasswords(String recordId) {
        ObjectMapper json = new ObjectMapper();
        return ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/" + recordId))).stream().map(r -> {
            try {
                return json.readTree(r.getBodyAsString()).path("data").path("attributes").path("password").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).distinct().toList();
    }

    private static LDAPConnection connect() throws Exception {
        SSLUtil tls = new SSLUtil(new PEMFileTrustManager(ldap.caCertificate().toFile()));
        return new LDAPConnection(tls.createSSLSocketFactory(), "localhost", ldap.port());
    }

    private static boolean binds(String password) throws Exception {
        try (LDAPConnection connection = connect()) {
            connection.bind(SERVICE_DN, password);
            return true;
        } catch (LDAPException refused) {
            return false;
        }
    }

    private static void setDirectly(String current, String next) throws Exception {
        try (LDAPConnection connection = connect()) {
            connection.bind(SERVICE_DN, current);
            connection.modify(SERVICE_DN, new Modification(ModificationType.REPLACE, "unicodePwd",
                    ("\"" + next + "\"").getBytes(java.nio.charset.StandardCharsets.UTF_16LE)));
        }
    }
}
