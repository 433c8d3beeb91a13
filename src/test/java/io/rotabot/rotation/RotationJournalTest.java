package io.rotabot.rotation;

import io.rotabot.directory.ResetOptions;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.rotabot.directory.Directory;
import io.rotabot.directory.DirectoryAccount;
import io.rotabot.directory.DirectoryUnavailableException;
import io.rotabot.security.Secret;
import io.rotabot.security.SecretCipher;
import io.rotabot.testing.EndToEndEnvironment;
import io.rotabot.testing.VendorStubs;
import io.rotabot.vault.VaultUnavailableException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The journal's promise: whatever fails or crashes half-way, no password a system holds is lost or replaced. */
class RotationJournalTest extends EndToEndEnvironment {

    private static final String BOB_DN = "CN=Bob Brown,CN=Users,DC=acme,DC=test";
    private static final String DAVE_DN = "CN=Dave Admin,CN=Users,DC=acme,DC=test";

    @Autowired
    PasswordRotation rotation;
    @Autowired
    Rotations rotations;
    @Autowired
    SecretCipher cipher;
    @Autowired
    Directory directory;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void resumesAfterACrashBetweenTheDirectoryAndTheJournal() throws Exception {
        DirectoryAccount bob = directory.findByEmail("acme", "bob@acme.test").orElseThrow();
        VendorStubs.itglueRecord(ITGLUE, "5002", ACME_ITGLUE, "bob@acme.test");
        String id = UUID.randomUUID().toString();
        Secret journalled = Secret.of("Crash-Resume-Passw0rd-" + id.substring(0, 8));
        journal(request("crash-" + id, bob, "5002"), bob.logonName(), id, cipher.encrypt(journalled, id));
        directory.setPassword(bob, journalled, ResetOptions.PASSWORD_ONLY); // the directory took it, then the process died

        Rotation resumed = rotation.resume(id);

        assertThat(resumed.status()).isEqualTo(RotationStatus.SUCCESSFUL);
        assertThat(resumed.state()).isEqualTo(JournalState.DONE);
        assertThat(patchedPasswords("5002")).containsExactly(journalled.reveal());
        assertThat(binds(BOB_DN, journalled.reveal())).isTrue();
        assertThat(rotations.ciphertext(id)).isEmpty();
    }

    @Test
    void keepsThePasswordThroughAVaultOutageAsVaultUpdatePendingAndStoresTheSameOneLater() throws Exception {
        DirectoryAccount dave = directory.findByEmail("acme", "dave.admin@acme.test").orElseThrow();
        approvedMatch(dave.id(), "5003", "adm-dave@acme.test");
        VendorStubs.itglueRecord(ITGLUE, "5003", ACME_ITGLUE, "adm-dave@acme.test");
        ITGLUE.stubFor(patch(urlPathEqualTo("/passwords/5003")).atPriority(1).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", VendorStubs.JSON_API).withHeader("Retry-After", "0")
                .withBody("{\"errors\":[{\"status\":\"503\",\"title\":\"Service Unavailable\"}]}")));
        RotationRequest request = request("outage-" + UUID.randomUUID(), dave, "5003");

        Rotation waiting = rotation.rotate(request);

        assertThat(waiting.state()).isEqualTo(JournalState.DIRECTORY_SET);
        assertThat(waiting.status()).isEqualTo(RotationStatus.VAULT_UPDATE_PENDING);
        assertThat(waiting.status().finished()).isFalse();
        assertThat(waiting.reason()).startsWith("directory updated; vault update pending, next try at ").contains("HTTP 503");
        assertThat(waiting.nextAttemptAt()).hasValueSatisfying(at -> assertThat(at).isAfter(java.time.Instant.now()));
        String journalled = cipher.decrypt(rotations.ciphertext(waiting.id()).orElseThrow(), waiting.id()).reveal();
        assertThat(binds(DAVE_DN, journalled)).as("the directory already has it").isTrue();

        ITGLUE.resetAll();
        VendorStubs.itglueRecord(ITGLUE, "5003", ACME_ITGLUE, "adm-dave@acme.test");
        Rotation done = rotation.resume(waiting.id());

        assertThat(done.id()).isEqualTo(waiting.id());
        assertThat(done.status()).isEqualTo(RotationStatus.SUCCESSFUL);
        assertThat(patchedPasswords("5003")).containsExactly(journalled);
        assertThat(done.vaultRecordUrl()).isEqualTo(VendorStubs.resourceUrl(ACME_ITGLUE, "5003"));
    }

    @Test
    void aDirectoryOutageBeforeTheResetIsAnApiErrorWithItsNextTry() {
        String id = UUID.randomUUID().toString();
        RotationRequest request = new RotationRequest("down-" + id, "initech", "6f1c2a3b-0001-4a5b-8c9d-0e1f2a3b4c01", "8001",
                Optional.empty(), "test");
        journal(request, "peter@initech.test", id, cipher.encrypt(Secret.of("Unsent#Passw0rd-1"), id));

        Rotation waiting = rotation.resume(id);

        assertThat(waiting.status()).isEqualTo(RotationStatus.API_ERROR);
        assertThat(waiting.status().label()).isEqualTo("API Error");
        assertThat(waiting.reason()).startsWith("waiting to try again at ").contains("No domain controller of initech answered");
        assertThat(waiting.nextAttemptAt()).isPresent();
        assertThat(waiting.state()).isEqualTo(JournalState.PENDING);
        assertThat(rotations.ciphertext(id)).isPresent();
        assertThat(rotations.unfinished()).extracting(Rotation::id).contains(id);
    }

    @Test
    void aPasswordTheDirectoryRefusesEndsFailedWithTheReasonAndIsWiped() {
        DirectoryAccount dave = directory.findByEmail("acme", "dave.admin@acme.test").orElseThrow();
        VendorStubs.itglueRecord(ITGLUE, "5003", ACME_ITGLUE, "adm-dave@acme.test");
        String id = UUID.randomUUID().toString();
        journal(request("refused-" + id, dave, "5003"), dave.logonName(), id, cipher.encrypt(Secret.of("Sh0rt!x"), id));

        Rotation ended = rotation.resume(id);

        assertThat(ended.status()).isEqualTo(RotationStatus.FAILED);
        assertThat(ended.state()).isEqualTo(JournalState.ABANDONED);
        assertThat(ended.reason()).contains("too short");
        assertThat(rotations.ciphertext(id)).isEmpty();
        assertThat(ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/5003")))).isEmpty();
    }

    @Test
    void anAccountWithAnUnfinishedRotationIsNotRotatedAgainUntilItFinishes() {
        DirectoryAccount bob = directory.findByEmail("acme", "bob@acme.test").orElseThrow();
        approvedMatch(bob.id(), "5002", "bob@acme.test");
        VendorStubs.itglueRecord(ITGLUE, "5002", ACME_ITGLUE, "bob@acme.test");
        String first = UUID.randomUUID().toString();
        journal(request("first-" + first, bob, "5002"), bob.logonName(), first,
                cipher.encrypt(Secret.of("First#Passw0rd-" + first.substring(0, 8)), first));

        Rotation second = rotation.rotate(request("second-" + first, bob, "5002"));

        assertThat(second.status()).isEqualTo(RotationStatus.FAILED);
        assertThat(second.reason()).contains("another rotation of this account is not finished yet (rotation " + first);
        assertThat(rotation.resume(first).status()).isEqualTo(RotationStatus.SUCCESSFUL);
        assertThat(rotation.rotate(request("third-" + first, bob, "5002")).status())
                .as("free again once the first finished").isEqualTo(RotationStatus.SUCCESSFUL);
    }

    @Test
    void anAccountWithoutAnApprovedMatchIsNeverRotated() {
        DirectoryAccount dave = directory.findByEmail("acme", "dave.admin@acme.test").orElseThrow();
        VendorStubs.itglueRecordList(ITGLUE, ACME_ITGLUE, "5003:adm-dave@acme.test");
        matches.sync("acme");
        if (matches.approvedRecord("acme", dave.id()).isPresent()) {
            matches.remove("acme", List.of(dave.id()), false);
        }

        Rotation refused = rotation.rotate(request("unapproved-" + UUID.randomUUID(), dave, "5003"));

        assertThat(refused.status()).isEqualTo(RotationStatus.NOT_PERMITTED);
        assertThat(refused.reason()).contains("only an approved match may be rotated");
        assertThat(ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/5003")))).isEmpty();
    }

    @Test
    void aVaultRecordOfAnotherOrganizationIsNotPermittedAndNothingChanges() {
        DirectoryAccount bob = directory.findByEmail("acme", "bob@acme.test").orElseThrow();
        approvedMatch(bob.id(), "7001", "bob@acme.test"); // a listing that wrongly included another organization's record
        VendorStubs.itglueRecord(ITGLUE, "7001", 9_999_999, "bob@acme.test");

        Rotation refused = rotation.rotate(request("cross-" + UUID.randomUUID(), bob, "7001"));

        assertThat(refused.status()).isEqualTo(RotationStatus.NOT_PERMITTED);
        assertThat(refused.reason()).contains("another organization");
        assertThat(rotations.ciphertext(refused.id())).isEmpty();
        assertThat(ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/7001")))).isEmpty();
    }

    /** The journal as a crash left it: accepted and the password generated, nothing further. */
    private void journal(RotationRequest request, String accountName, String rotationId, String ciphertext) {
        rotations.accept(request, accountName, rotationId, RotationStatus.IN_PROGRESS, "accepted", java.time.Instant.now());
        rotations.generated(rotationId, ciphertext, "test");
    }

    private static RotationRequest request(String key, DirectoryAccount account, String recordId) {
        return new RotationRequest(key, "acme", account.id(), recordId, Optional.empty(), "test");
    }

    private List<String> patchedPasswords(String recordId) {
        return ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/" + recordId))).stream()
                .filter(r -> r.getBody().length > 0)
                .map(this::password)
                .distinct()
                .toList();
    }

    private String password(LoggedRequest patch) {
        try {
            return json.readTree(patch.getBodyAsString()).path("data").path("attributes").path("password").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
