package io.rotabot.rotation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rotabot.directory.Directory;
import io.rotabot.directory.DirectoryAccount;
import io.rotabot.directory.DirectoryUnavailableException;
import io.rotabot.directory.PasswordChange;
import io.rotabot.directory.PasswordCheck;
import io.rotabot.security.SecretCipher;
import io.rotabot.testing.EndToEndEnvironment;
import io.rotabot.testing.PostgresDatabase;
import io.rotabot.testing.VendorStubs;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * Issue 12's promise, on PostgreSQL as production runs it: no path ends a rotation while a directory may
 * hold a password that neither a vault nor an administrator can reach. The directory is the real in-process
 * one; where AD's rarer answers are needed (a trailing NUL, "changed" with a failing bind, a lost answer) the
 * real call is made and its answer replaced, as a domain controller would give it.
 */
class NeverStrandedTest extends EndToEndEnvironment {

    @MockitoSpyBean
    Directory directory;
    @Autowired
    PasswordRotation rotation;
    @Autowired
    Rotations rotations;
    @Autowired
    SecretCipher cipher;

    private final ObjectMapper json = new ObjectMapper();
    private String name;
    private String recordId;

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    ManagementService management;

    @DynamicPropertySource
    static void emptyPostgresDatabase(DynamicPropertyRegistry properties) throws Exception {
        PostgresDatabase.fresh("rotabot_stranded", properties);
    }

    @Test
    void aRotationProcessRidesOutAVaultOutageOnItsTimerAndEndsSuccessfulWithoutAnIncident() throws Exception {
        DirectoryAccount bob = user();
        // IT Glue answers 503 five times (two tries of two attempts each, and one more), then works again
        for (int refusal = 0; refusal < 5; refusal++) {
            ITGLUE.stubFor(patch(urlPathEqualTo("/passwords/" + recordId)).inScenario("outage").atPriority(1)
                    .whenScenarioStateIs(refusal == 0 ? Scenario.STARTED : "down-" + refusal)
                    .willReturn(aResponse().withStatus(503).withHeader("Content-Type", VendorStubs.JSON_API)
                            .withBody("{\"errors\":[{\"status\":\"503\",\"title\":\"Service Unavailable\"}]}"))
                    .willSetStateTo("down-" + (refusal + 1)));
        }
        RotationRequest request = request(bob);

        events.publishEvent(new RotationRequested(request));

        Rotation done = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> rotations.findByRequestKey(request.requestKey()), r -> r.isPresent() && r.get().status().finished())
                .orElseThrow();
        assertThat(done.status()).isEqualTo(RotationStatus.SUCCESSFUL);
        assertThat(binds(dn(), lastPatchedPassword(recordId))).as("vault = directory").isTrue();
        assertThat(ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/" + recordId)))).as("5 refused, 1 stored")
                .hasSize(6);
        assertThat(management.createJobQuery().withException().count()).as("no job failed").isZero();
    }

    @AfterEach
    void realDirectoryAgain() {
        Mockito.reset(directory);
    }

    @Test
    void aPolicyRefusalEndingInAdsNulEndsFailedWithACleanReasonAndTheCiphertextWiped() throws Exception {
        DirectoryAccount bob = user();
        doReturn(new PasswordChange(PasswordChange.Result.REJECTED_BY_POLICY, "the domain's password policy refused the "
                + "password [LDAP 19, 0000052D: Constraint violation - check_password_restrictions: the password does not "
                + "meet the complexity criteria!\u0000]")).when(directory).setPassword(any(), any(), any());

        Rotation ended = rotation.rotate(request(bob));

        assertThat(ended.status()).isEqualTo(RotationStatus.FAILED);
        assertThat(ended.state()).isEqualTo(JournalState.ABANDONED);
        assertThat(ended.reason()).endsWith("complexity criteria!]").doesNotContain("\u0000");
        assertThat(rotations.ciphertext(ended.id())).isEmpty();
        assertThat(ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/" + recordId)))).isEmpty();
    }

    @Test
    void aDirectoryThatAnswersChangedWhileItsBindFailsHasThePasswordStoredFlaggedUnverified() throws Exception {
        DirectoryAccount bob = user();
        doAnswer(call -> {
            call.callRealMethod();
            return new PasswordChange(PasswordChange.Result.NOT_VERIFIED, "the bind with the new password was refused "
                    + "[LDAP 49, data 775: the account is locked out]");
        }).when(directory).setPassword(any(), any(), any());

        Rotation done = rotation.rotate(request(bob));

        assertThat(done.status()).isEqualTo(RotationStatus.SUCCESSFUL);
        assertThat(done.unverified()).isTrue();
        assertThat(done.reason()).contains("unverified");
        String stored = lastPatchedPassword(recordId);
        assertThat(binds(dn(), stored)).as("the vault holds what the directory holds").isTrue();
        assertThat(rotations.ciphertext(done.id())).isEmpty();
    }

    @Test
    void aRefusalAfterALostAnswerKeepsThePasswordUntilTheNextRotationReplacesIt() throws Exception {
        DirectoryAccount bob = user();
        AtomicInteger resets = new AtomicInteger();
        doAnswer(call -> {
            if (resets.incrementAndGet() == 1) {
                call.callRealMethod(); // the DC applied it, and its answer was lost
                throw new DirectoryUnavailableException("The password of " + dn() + " was set but the answer timed out", null);
            }
            return new PasswordChange(PasswordChange.Result.REJECTED_BY_POLICY,
                    "the domain's password policy refused the password (length, complexity or history)");
        }).when(directory).setPassword(any(), any(), any());
        // a directory that cannot prove which password it holds (as Entra ID cannot)
        doReturn(PasswordCheck.UNKNOWN).when(directory).holds(any(), any());

        Rotation first = rotation.rotate(request(bob));
        assertThat(first.status()).isEqualTo(RotationStatus.API_ERROR);
        String held = cipher.decrypt(rotations.ciphertext(first.id()).orElseThrow(), first.id()).reveal();
        assertThat(binds(dn(), held)).as("the directory took it").isTrue();

        Rotation kept = rotation.resume(first.id());

        assertThat(kept.status()).isEqualTo(RotationStatus.RECOVERY_NEEDED);
        assertThat(kept.status().finished()).isTrue();
        assertThat(kept.reason()).contains("may hold it").contains("/api/rotations/" + first.id() + "/recover");
        assertThat(rotations.ciphertext(first.id())).as("kept for recovery").isPresent();
        assertThat(rotations.activeFor("acme", bob.id())).as("the account is free for a new rotation").isEmpty();

        Mockito.reset(directory);
        Rotation next = rotation.rotate(request(bob));

        assertThat(next.status()).isEqualTo(RotationStatus.SUCCESSFUL);
        assertThat(binds(dn(), lastPatchedPassword(recordId))).isTrue();
        Rotation replaced = rotations.find(first.id()).orElseThrow();
        assertThat(replaced.state()).isEqualTo(JournalState.ABANDONED);
        assertThat(replaced.reason()).contains("replaced by rotation " + next.id());
        assertThat(rotations.ciphertext(first.id())).as("nothing holds it any more").isEmpty();
    }

    @Test
    void aRefusalWithNoEarlierResetInDoubtIsFinal() throws Exception {
        DirectoryAccount bob = user();
        doReturn(new PasswordChange(PasswordChange.Result.NOT_PERMITTED, "the bind account lacks the Reset Password right"))
                .when(directory).setPassword(any(), any(), any());

        Rotation ended = rotation.rotate(request(bob));

        assertThat(ended.status()).isEqualTo(RotationStatus.FAILED);
        assertThat(ended.directoryAttempts()).isEqualTo(1);
        assertThat(rotations.ciphertext(ended.id())).isEmpty();
    }

    @Test
    void aWriteOnlyVaultKeyLeavesTheRotationPendingAndARetryAfterTheFixEndsSuccessful() throws Exception {
        DirectoryAccount bob = user();
        // IT Glue answers a key without password access with the record, minus its password
        ITGLUE.stubFor(get(urlPathEqualTo("/passwords/" + recordId)).atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", VendorStubs.JSON_API)
                .withBody("{\"data\":{\"id\":\"" + recordId + "\",\"type\":\"passwords\",\"attributes\":"
                        + "{\"organization-id\":" + ACME_ITGLUE + ",\"name\":\"" + name + " (AD)\",\"username\":\"" + name + "\","
                        + "\"resource-url\":\"" + VendorStubs.resourceUrl(ACME_ITGLUE, recordId) + "\",\"restricted\":false,"
                        + "\"archived\":false}}}")));

        Rotation pending = rotation.rotate(request(bob));

        assertThat(pending.status()).isEqualTo(RotationStatus.VAULT_UPDATE_PENDING);
        assertThat(pending.status().label()).isEqualTo("Vault update pending");
        assertThat(pending.state()).isEqualTo(JournalState.DIRECTORY_SET);
        assertThat(pending.reason()).contains("read passwords back").contains("/api/rotations/" + pending.id() + "/retry");
        assertThat(pending.nextAttemptAt()).hasValueSatisfying(at -> assertThat(at).isAfter(Instant.now()));
        assertThat(rotations.activeFor("acme", bob.id())).as("no other rotation may change the directory meanwhile").isPresent();
        assertThat(api("GET", "/api/rotations/" + pending.id(), null, true).body())
                .contains("\"status\":\"Vault update pending\"").contains("\"nextAttemptAt\":\"");

        ITGLUE.resetAll();
        VendorStubs.itglueRecord(ITGLUE, recordId, ACME_ITGLUE, name + "@acme.test");
        HttpResponse<String> retried = api("POST", "/api/rotations/" + pending.id() + "/retry", null, true);

        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.body()).contains("\"status\":\"Successful\"");
        assertThat(binds(dn(), lastPatchedPassword(recordId))).as("vault = directory").isTrue();
        assertThat(api("POST", "/api/rotations/" + pending.id() + "/retry", null, true).statusCode())
                .as("nothing left to retry").isEqualTo(409);
    }

    @Test
    void aVaultThatRefusesTheKeyMidRunKeepsEveryChangedAccountPendingInsteadOfNotPermitted() throws Exception {
        DirectoryAccount bob = user();
        ITGLUE.stubFor(patch(urlPathEqualTo("/passwords/" + recordId)).atPriority(1).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", VendorStubs.JSON_API)
                .withBody("{\"errors\":[{\"status\":\"403\",\"title\":\"Forbidden\",\"detail\":\"You are not authorized to perform this action\"}]}")));

        Rotation pending = rotation.rotate(request(bob));

        assertThat(pending.status()).isEqualTo(RotationStatus.VAULT_UPDATE_PENDING);
        assertThat(pending.reason()).contains("access").contains("retry");
        assertThat(rotations.ciphertext(pending.id())).isPresent();
    }

    @Test
    void aRecordDeletedMidRotationWaitsUntilAnAdministratorRecoversThePasswordIntoANewRecord() throws Exception {
        DirectoryAccount bob = user();
        ITGLUE.stubFor(patch(urlPathEqualTo("/passwords/" + recordId)).atPriority(1).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", VendorStubs.JSON_API)
                .withBody("{\"errors\":[{\"status\":\"404\",\"title\":\"Record not found\",\"detail\":\"Record not found\"}]}")));
        Rotation pending = rotation.rotate(request(bob));
        assertThat(pending.status()).isEqualTo(RotationStatus.VAULT_UPDATE_PENDING);
        assertThat(pending.reason()).contains("/api/rotations/" + pending.id() + "/recover");
        String held = cipher.decrypt(rotations.ciphertext(pending.id()).orElseThrow(), pending.id()).reveal();
        // IT Glue creates the record and shows it with its password
        String created = "{\"data\":{\"id\":\"777001\",\"type\":\"passwords\",\"attributes\":{\"organization-id\":" + ACME_ITGLUE
                + ",\"name\":\"" + name + " (recovered by Rotabot)\",\"username\":\"" + name + "\",\"resource-url\":\""
                + VendorStubs.resourceUrl(ACME_ITGLUE, "777001") + "\",\"restricted\":false,\"archived\":false%s}}}";
        ITGLUE.stubFor(post(urlPathEqualTo("/passwords")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", VendorStubs.JSON_API).withBody(created.formatted(""))));
        ITGLUE.stubFor(get(urlPathEqualTo("/passwords/777001")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", VendorStubs.JSON_API).withBody(created.formatted(",\"password\":\"" + held + "\""))));
        VendorStubs.itglueRecord(ITGLUE, "6666", 9_999_999, "someone@globex.test");

        HttpResponse<String> elsewhere = api("POST", "/api/rotations/" + pending.id() + "/recover", "{\"vaultRecordId\":\"6666\"}", true);
        HttpResponse<String> recovered = api("POST", "/api/rotations/" + pending.id() + "/recover", "{}", true);

        assertThat(elsewhere.statusCode()).as("another organization's record").isEqualTo(400);
        assertThat(elsewhere.body()).contains("of another organization");
        assertThat(recovered.statusCode()).isEqualTo(200);
        assertThat(recovered.body()).contains("\"status\":\"Successful\"").contains("recovered into vault record 777001")
                .contains("match it to 777001").doesNotContain(held);
        String posted = json.readTree(ITGLUE.findAll(postRequestedFor(urlPathEqualTo("/passwords"))).get(0).getBodyAsString())
                .path("data").path("attributes").path("password").asText();
        assertThat(binds(dn(), posted)).as("the new record holds what the directory holds").isTrue();
        assertThat(rotations.ciphertext(pending.id())).isEmpty();
        assertThat(api("POST", "/api/rotations/" + pending.id() + "/recover", "{}", true).statusCode()).isEqualTo(409);
    }

    @Test
    void aWaitingRotationChecksItsMatchAgainBeforeItGeneratesAPassword() throws Exception {
        DirectoryAccount bob = user();
        String id = UUID.randomUUID().toString();
        rotations.accept(request(bob), bob.logonName(), id, RotationStatus.WAITING_FOR_MINIMUM_AGE, "waits", Instant.now());
        // meanwhile a technician moved the record to another account
        String carl = newAcmeUser("carl-" + id.substring(0, 6));
        matches.remove("acme", List.of(bob.id()), false);
        approvedMatch(carl, recordId, "carl@acme.test");

        Rotation ended = rotation.run(id);

        assertThat(ended.status()).isEqualTo(RotationStatus.NOT_PERMITTED);
        assertThat(ended.reason()).contains("not matched to vault record " + recordId);
        assertThat(ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/" + recordId)))).isEmpty();
    }

    @Test
    void aWaitingRotationWhoseProcessIsGoneCanBeReleasedButOneWhoseDirectoryMayHoldItsPasswordCannot() throws Exception {
        DirectoryAccount bob = user();
        String id = UUID.randomUUID().toString();
        rotations.accept(request(bob), bob.logonName(), id, RotationStatus.WAITING_FOR_MINIMUM_AGE, "waits", Instant.now());

        HttpResponse<String> released = api("DELETE", "/api/rotations/" + id, null, true);

        assertThat(released.statusCode()).isEqualTo(200);
        assertThat(released.body()).contains("released: by api admin");
        assertThat(rotations.activeFor("acme", bob.id())).isEmpty();

        doAnswer(call -> {
            call.callRealMethod();
            throw new DirectoryUnavailableException("the answer timed out", null);
        }).when(directory).setPassword(any(), any(), any());
        doReturn(PasswordCheck.UNKNOWN).when(directory).holds(any(), any());
        Rotation inDoubt = rotation.rotate(request(bob));
        assertThat(inDoubt.status()).isEqualTo(RotationStatus.API_ERROR);

        HttpResponse<String> refused = api("DELETE", "/api/rotations/" + inDoubt.id(), null, true);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("a directory may hold its password");
        assertThat(rotations.ciphertext(inDoubt.id())).isPresent();
        assertThat(api("DELETE", "/api/rotations/" + UUID.randomUUID(), null, true).statusCode()).isEqualTo(404);
    }

    /** A new acme user of this test alone, matched to a vault record of its own. */
    private DirectoryAccount user() throws Exception {
        name = "stranded-" + UUID.randomUUID().toString().substring(0, 8);
        recordId = Integer.toString(600_000 + Math.floorMod(name.hashCode(), 100_000));
        String id = newAcmeUser(name);
        approvedMatch(id, recordId, name + "@acme.test");
        VendorStubs.itglueRecord(ITGLUE, recordId, ACME_ITGLUE, name + "@acme.test");
        return directory.findByEmail("acme", name + "@acme.test").orElseThrow();
    }

    private String dn() {
        return "CN=" + name + ",CN=Users,DC=acme,DC=test";
    }

    private RotationRequest request(DirectoryAccount account) {
        return new RotationRequest("stranded-" + UUID.randomUUID(), "acme", account.id(), recordId, Optional.empty(), "test");
    }

    private String lastPatchedPassword(String recordId) {
        List<String> passwords = ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/" + recordId))).stream()
                .map(patch -> {
                    try {
                        return json.readTree(patch.getBodyAsString()).path("data").path("attributes").path("password").asText();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
        assertThat(passwords).isNotEmpty();
        return passwords.get(passwords.size() - 1);
    }
}
