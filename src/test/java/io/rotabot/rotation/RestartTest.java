package io.rotabot.rotation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rotabot.directory.Directory;
import io.rotabot.directory.DirectoryAccount;
import io.rotabot.matching.Approval;
import io.rotabot.matching.Matches;
import io.rotabot.security.Secret;
import io.rotabot.security.SecretCipher;
import io.rotabot.testing.StandaloneRotabot;
import io.rotabot.testing.VendorStubs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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

    private static StandaloneRotabot rotabot;

    @BeforeAll
    static void start() throws Exception {
        rotabot = StandaloneRotabot.prepare("restart");
    }

    @AfterAll
    static void stop() {
        rotabot.close();
    }

    @Test
    void unfinishedRotationsFinishAfterARestartWithThePasswordsTheyBegan() throws Exception {
        String bobsPassword;
        String alicesPassword;
        String bobsRotation;
        String alicesRotation;
        VendorStubs.itglueRecordList(rotabot.itglue, 3821001, "5001:alice@acme.test", "5002:bob@acme.test");
        VendorStubs.itglueRecord(rotabot.itglue, "5001", 3821001, "alice@acme.test");
        VendorStubs.itglueRecord(rotabot.itglue, "5002", 3821001, "bob@acme.test");
        rotabot.itglue.stubFor(patch(urlPathEqualTo("/passwords/5002")).atPriority(1).willReturn(aResponse().withStatus(503)));

        try (ConfigurableApplicationContext first = rotabot.start()) {
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
            Rotation stuck = rotation.rotate(bobs);
            assertThat(stuck.state()).isEqualTo(JournalState.DIRECTORY_SET);
            assertThat(stuck.status()).isEqualTo(RotationStatus.VAULT_UPDATE_PENDING);
            bobsRotation = stuck.id();
            bobsPassword = cipher.decrypt(rotations.ciphertext(bobsRotation).orElseThrow(), bobsRotation).reveal();

            alicesRotation = UUID.randomUUID().toString();
            RotationRequest alices = new RotationRequest("restart-alice", "acme", alice.id(), "5001", Optional.empty(), "test");
            rotations.accept(alices, alice.logonName(), alicesRotation, RotationStatus.IN_PROGRESS, "accepted", Instant.now());
            alicesPassword = "Journalled#Only-" + alicesRotation.substring(0, 8);
            rotations.generated(alicesRotation, cipher.encrypt(Secret.of(alicesPassword), alicesRotation), "test");
        }
        assertThat(rotabot.binds("CN=Bob Brown,CN=Users,DC=acme,DC=test", bobsPassword)).isTrue();
        assertThat(rotabot.binds("CN=Alice Anders,CN=Users,DC=acme,DC=test", alicesPassword)).as("never reached the directory").isFalse();
        rotabot.itglue.resetAll();
        VendorStubs.itglueRecord(rotabot.itglue, "5001", 3821001, "alice@acme.test");
        VendorStubs.itglueRecord(rotabot.itglue, "5002", 3821001, "bob@acme.test");

        try (ConfigurableApplicationContext second = rotabot.start()) {
            Rotations rotations = second.getBean(Rotations.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> List.of(bobsRotation, alicesRotation).stream()
                    .allMatch(id -> rotations.find(id).orElseThrow().state() == JournalState.DONE));
        }

        assertThat(rotabot.vaultPasswords("5002")).containsExactly(bobsPassword);
        assertThat(rotabot.vaultPasswords("5001")).containsExactly(alicesPassword);
        assertThat(rotabot.binds("CN=Bob Brown,CN=Users,DC=acme,DC=test", bobsPassword)).isTrue();
        assertThat(rotabot.binds("CN=Alice Anders,CN=Users,DC=acme,DC=test", alicesPassword)).isTrue();
    }
}
