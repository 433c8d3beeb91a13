package io.rotabot.rotation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import io.rotabot.directory.Directory;
import io.rotabot.directory.DirectoryAccount;
import io.rotabot.matching.Approval;
import io.rotabot.matching.Matches;
import io.rotabot.sandbox.SandboxDirectory;
import io.rotabot.security.Secret;
import io.rotabot.security.SecretCipher;
import io.rotabot.testing.StandaloneRotabot;
import io.rotabot.testing.TestSecrets;
import io.rotabot.testing.VendorStubs;
import io.rotabot.vault.VaultUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Rotabot stopped half-way and started again on the same database: one rotation stopped after the
 * directory took the new password and before the vault did, one after the journal entry and before
 * the directory call. After the restart both finish, the vault holds exactly what the directory
 * accepts, and no second password was generated.
 */
class RestartTest {

    private static final WireMockServer ITGLUE = new WireMockServer(options().dynamicPort()
            .extensions(new VendorStubs.ITGlueReadBack()));
    private static final String MASTER_KEY = TestSecrets.newMasterKey();
    private static SandboxDirectory ldap;
    private static Path database;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        ITGLUE.start();
        Path work = Files.createTempDirectory("rotabot-restart");
        database = work.resolve("db");
        ldap = SandboxDirectory.start(0, work.resolve("ldap"), RestartTest.class.getResourceAsStream("/sandbox/directory.ldif"),
                "DC=acme,DC=test", "DC=globex,DC=test");
    }

    @AfterAll
    static void stop() {
        ITGLUE.stop();
        ldap.close();
    }

    @Test
    void unfinishedRotationsFinishAfterARestartWithThePasswordsTheyBegan() throws Exception {
        String bobsPassword;
        String alicesPassword;
        String bobsRotation;
        String alicesRotation;
        VendorStubs.itglueRecordList(ITGLUE, 3821001, "5001:alice@acme.test", "5002:bob@acme.test");
        VendorStubs.itglueRecord(ITGLUE, "5001", 3821001, "alice@acme.test");
        VendorStubs.itglueRecord(ITGLUE, "5002", 3821001, "bob@acme.test");
        ITGLUE.stubFor(patch(urlPathEqualTo("/passwords/5002")).atPriority(1).willReturn(aResponse().withStatus(503)));

        try (ConfigurableApplicationContext first = rotabot()) {
            Directory directory = first.getBean(Directory.class);
            Matches matches = first.getBean(Matches.class);
            PasswordRotation rotation = first.getBean(PasswordRotation.class);
            Rotations rotations = first.getBean(Rotations.class);
            SecretCipher cipher = first.getBean(SecretCipher.class);
            DirectoryAccount alice = directory.findByEmail("acme", "alice@acme.test").orElseThrow();
            DirectoryAccount bob = directory.findByEmail("acme", "bob@acme.test").orElseThrow();
            matches.sync("acme");
            matches.approve("acme", List.of(new Approval(alice.id(), Optional.empty()), new Approval(bob.id(), Optional.empty())));

            RotationRequest bobs = new RotationRequest("restart-bob", "acme", bob.id(), "5002", Optional.empty(), "test");
            assertThatThrownBy(() -> rotation.rotate(bobs)).isInstanceOf(VaultUnavailableException.class);
            Rotation stuck = rotations.findByRequestKey("restart-bob").orElseThrow();
            assertThat(stuck.state()).isEqualTo(JournalState.DIRECTORY_SET);
            bobsRotation = stuck.id();
            bobsPassword = cipher.decrypt(rotations.ciphertext(bobsRotation).orElseThrow(), bobsRotation).reveal();

            alicesRotation = UUID.randomUUID().toString();
            RotationRequest alices = new RotationRequest("restart-alice", "acme", alice.id(), "5001", Optional.empty(), "test");
            rotations.accept(alices, alice.logonName(), alicesRotation, RotationStatus.IN_PROGRESS, "accepted", Instant.now());
            alicesPassword = "Journalled#Only-" + alicesRotation.substring(0, 8);
            rotations.generated(alicesRotation, cipher.encrypt(Secret.of(alicesPassword), alicesRotation), "test");
        }
        assertThat(binds("CN=Bob Brown,CN=Users,DC=acme,DC=test", bobsPassword)).isTrue();
        assertThat(binds("CN=Alice Anders,CN=Users,DC=acme,DC=test", alicesPassword)).as("never reached the directory").isFalse();
        ITGLUE.resetAll();
        VendorStubs.itglueRecord(ITGLUE, "5001", 3821001, "alice@acme.test");
        VendorStubs.itglueRecord(ITGLUE, "5002", 3821001, "bob@acme.test");

        try (ConfigurableApplicationContext second = rotabot()) {
            Rotations rotations = second.getBean(Rotations.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> List.of(bobsRotation, alicesRotation).stream()
                    .allMatch(id -> rotations.find(id).orElseThrow().state() == JournalState.DONE));
        }

        assertThat(patchedPasswords("5002")).containsExactly(bobsPassword);
        assertThat(patchedPasswords("5001")).containsExactly(alicesPassword);
        assertThat(binds("CN=Bob Brown,CN=Users,DC=acme,DC=test", bobsPassword)).isTrue();
        assertThat(binds("CN=Alice Anders,CN=Users,DC=acme,DC=test", alicesPassword)).isTrue();
    }

    private List<String> patchedPasswords(String recordId) {
        return ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/" + recordId))).stream().map(r -> {
            try {
                return json.readTree(r.getBodyAsString()).path("data").path("attributes").path("password").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).distinct().collect(Collectors.toList());
    }

    private static ConfigurableApplicationContext rotabot() {
        return StandaloneRotabot.start(database, MASTER_KEY, ldap, ITGLUE);
    }

    private static boolean binds(String dn, String password) throws Exception {
        SSLUtil tls = new SSLUtil(new PEMFileTrustManager(ldap.caCertificate().toFile()));
        try (LDAPConnection connection = new LDAPConnection(tls.createSSLSocketFactory(), "localhost", ldap.port())) {
            connection.bind(dn, password);
            return true;
        } catch (Exception refused) {
            return false;
        }
    }
}
