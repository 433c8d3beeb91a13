package io.rotabot.directory.ad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.ResultCode;
import io.rotabot.directory.DirectoryAccount;
import io.rotabot.directory.DirectoryUnavailableException;
import io.rotabot.directory.PasswordChange;
import io.rotabot.directory.PasswordCheck;
import io.rotabot.directory.ResetOptions;
import io.rotabot.security.Secret;
import io.rotabot.testing.TestSecrets;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the AD adapter makes of a domain controller's answers, in the exact codes and texts Windows sends (NUL
 * included): a refusal becomes a result in words with AD's codes in brackets, no answer becomes an outage, and the
 * connection's own account never loses a password the domain controller may have taken.
 */
class DomainControllerAnswersTest {

    private static final String SERVICE = "CN=Rotabot Service,CN=Users,DC=acme,DC=test";
    private static final String SERVICE_PASSWORD = "Demo-Svc-Passw0rd-acme!";
    private static final String BOB = "CN=Bob Brown,CN=Users,DC=acme,DC=test";
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(1);
    private static final String MASTER_KEY = TestSecrets.newMasterKey();

    @TempDir
    Path work;
    private ScriptedDomainController dc;
    private BindCredentials credentials;
    private ActiveDirectory directory;

    @BeforeEach
    void start() throws Exception {
        dc = ScriptedDomainController.start(work);
        credentials = HandBuiltControllers.credentials(MASTER_KEY);
        directory = restarted();
    }

    @AfterEach
    void stop() {
        dc.close();
    }

    @Test
    void windowsPolicyRefusalIsSaidInWordsWithItsCodesAndWithoutItsNul() {
        dc.refuseResets(ResultCode.CONSTRAINT_VIOLATION, "0000052D: AtrErr: DSID-03190F80, #1:\n\t0: 0000052D: DSID-03190F80, "
                + "problem 1005 (CONSTRAINT_ATT_TYPE), data 0, Att 9005a (unicodePwd)\n\u0000");

        PasswordChange change = resetOfBob();

        assertThat(change.result()).isEqualTo(PasswordChange.Result.REJECTED_BY_POLICY);
        assertThat(change.detail()).isEqualTo("the domain's password policy refused the password (length, complexity or history) "
                + "[LDAP 19, 0000052D]");
    }

    @Test
    void aPolicyRefusalSentWithResult53IsStillThePolicys() {
        // Windows Server 2019 as reported in cannatag/ldap3#1157
        dc.refuseResets(ResultCode.UNWILLING_TO_PERFORM, "0000052D: SvcErr: DSID-031A126C, problem 5003 (WILL_NOT_PERFORM), data 0\n\u0000");

        PasswordChange change = resetOfBob();

        assertThat(change.result()).isEqualTo(PasswordChange.Result.REJECTED_BY_POLICY);
        assertThat(change.detail()).endsWith("[LDAP 53, 0000052D]");
    }

    @Test
    void willNotPerformIsNoPolicyVerdictAndSaysWhatToCheck() {
        dc.refuseResets(ResultCode.UNWILLING_TO_PERFORM, "0000001F: SvcErr: DSID-031A12D2, problem 5003 (WILL_NOT_PERFORM), data 0\n\u0000");

        PasswordChange change = resetOfBob();

        assertThat(change.result()).isEqualTo(PasswordChange.Result.UNSUPPORTED);
        assertThat(change.detail()).contains("will not set the password").contains("not a verdict of the password policy")
                .contains("LDAPS or StartTLS").contains("read-only domain controller").contains("Reset Password right on " + BOB)
                .endsWith("[LDAP 53, 0000001F]").doesNotContain("DSID").doesNotContain("\u0000");
    }

    @Test
    void aMissingResetRightNamesTheRightAndTheAccount() {
        dc.refuseResets(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, "00000005: SecErr: DSID-031A11E3, problem 4003 (INSUFF_ACCESS_RIGHTS), data 0\n\u0000");

        PasswordChange change = resetOfBob();

        assertThat(change.result()).isEqualTo(PasswordChange.Result.NOT_PERMITTED);
        assertThat(change.detail()).isEqualTo("the bind account lacks the Reset Password right on " + BOB
                + ": delegate it on that account's OU [LDAP 50, 00000005]");
    }

    @Test
    void anAccountDeletedSinceTheLookupIsGone() {
        dc.refuseResets(ResultCode.NO_SUCH_OBJECT, "0000208D: NameErr: DSID-03100241, problem 2001 (NO_OBJECT), data 0, best match of:\n"
                + "\t'CN=Users,DC=acme,DC=test'\n\u0000");

        PasswordChange change = resetOfBob();

        assertThat(change.result()).isEqualTo(PasswordChange.Result.ACCOUNT_GONE);
        assertThat(change.detail()).isEqualTo("the account " + BOB + " no longer exists in the directory [LDAP 32, 0000208D]");
    }

    @Test
    void aRefusalWithoutWordsOfOursQuotesTheDomainControllerCleaned() {
        // Samba 4.17's refusal of a pwdLastSet it will not take
        dc.refuseResets(ResultCode.OTHER, "00000057: setup_last_set_field: pwdLastSet must be 0 or -1 only!\n\u0000");

        PasswordChange change = resetOfBob();

        assertThat(change.result()).isEqualTo(PasswordChange.Result.UNSUPPORTED);
        assertThat(change.detail()).isEqualTo("the domain controller refused the reset of " + BOB
                + ": other: 00000057: setup_last_set_field: pwdLastSet must be 0 or -1 only! [LDAP 80, 00000057]");
    }

    @Test
    void aBusyDomainControllerIsAnOutageNotAnAnswer() {
        dc.refuseResets(ResultCode.BUSY, "the server is busy\n\u0000");

        assertThatThrownBy(this::resetOfBob)
                .isInstanceOf(DirectoryUnavailableException.class)
                .hasMessageContaining("was not done, the domain controller is busy")
                .hasMessageNotContaining("\u0000");
    }

    @Test
    void aResetWhoseAnswerNeverCameIsAnOutageAndABindThenShowsTheDirectoryHoldsIt() throws Exception {
        DirectoryAccount bob = bob();
        dc.answerResetsAfter(RESPONSE_TIMEOUT.multipliedBy(3));

        assertThatThrownBy(() -> directory.setPassword(bob, Secret.of("Fresh#Passw0rd-1"), ResetOptions.PASSWORD_ONLY))
                .isInstanceOf(DirectoryUnavailableException.class)
                .hasMessageContaining("got no answer from the domain controller, which may or may not have set it");

        assertThat(dc.holds(BOB, "Fresh#Passw0rd-1")).as("applied before the answer was lost").isTrue();
        assertThat(directory.holds(bob, Secret.of("Fresh#Passw0rd-1"))).isEqualTo(PasswordCheck.HOLDS);
        assertThat(directory.holds(bob, Secret.of("Initial-Passw0rd-bob!"))).as("data 52e").isEqualTo(PasswordCheck.DOES_NOT_HOLD);
    }

    @Test
    void theBindAccountWhoseResetGotNoAnswerBindsWithThePasswordTheDomainControllerTook() throws Exception {
        DirectoryAccount itself = itself();
        assertThat(directory.setPassword(itself, Secret.of("Rotated#Passw0rd-1"), ResetOptions.PASSWORD_ONLY).succeeded()).isTrue();
        dc.answerResetsAfter(RESPONSE_TIMEOUT.multipliedBy(3));

        assertThatThrownBy(() -> directory.setPassword(itself, Secret.of("Rotated#Passw0rd-2"), ResetOptions.PASSWORD_ONLY))
                .isInstanceOf(DirectoryUnavailableException.class);
        dc.answerResetsAtOnce();

        assertThat(dc.holds(SERVICE, "Rotated#Passw0rd-2")).isTrue();
        assertThat(credentials.pending("acme").map(Secret::reveal)).as("kept staged").contains("Rotated#Passw0rd-2");
        assertThat(directory.findByEmail("acme", "alice@acme.test")).as("the connection binds again").isPresent();
        assertThat(directory.holds(itself, Secret.of("Rotated#Passw0rd-2"))).isEqualTo(PasswordCheck.HOLDS);
        assertThat(credentials.current("acme").map(Secret::reveal)).contains("Rotated#Passw0rd-2");
        assertThat(credentials.pending("acme")).isEmpty();
        int failed = dc.failedBinds(SERVICE);
        assertThat(failed).as("the one bind with the password the directory no longer holds").isLessThanOrEqualTo(1);

        ActiveDirectory afterRestart = restarted();
        assertThat(afterRestart.findByEmail("acme", "alice@acme.test")).isPresent();
        assertThat(directory.accounts("acme")).isNotEmpty();
        assertThat(dc.failedBinds(SERVICE)).as("no more failed binds").isEqualTo(failed);
    }

    @Test
    void aCheckThatFindsTheBindAccountHoldsTheStagedPasswordMakesTheConnectionBindWithIt() throws Exception {
        DirectoryAccount itself = itself();
        assertThat(directory.setPassword(itself, Secret.of("Rotated#Passw0rd-1"), ResetOptions.PASSWORD_ONLY).succeeded()).isTrue();
        assertThat(directory.findByEmail("acme", "alice@acme.test")).as("connections bound with the first").isPresent();
        // a later reset reached the directory, and its answer was lost
        credentials.stage("acme", Secret.of("Rotated#Passw0rd-2"));
        dc.setDirectly(SERVICE, "Rotated#Passw0rd-2");

        PasswordCheck check = directory.holds(itself, Secret.of("Rotated#Passw0rd-2"));

        assertThat(check).isEqualTo(PasswordCheck.HOLDS);
        assertThat(credentials.current("acme").map(Secret::reveal)).contains("Rotated#Passw0rd-2");
        assertThat(credentials.pending("acme")).isEmpty();
        int failed = dc.failedBinds(SERVICE);
        assertThat(restarted().findByEmail("acme", "alice@acme.test")).isPresent();
        assertThat(dc.failedBinds(SERVICE)).as("the first password tried binds").isEqualTo(failed);
    }

    @Test
    void aLostStagedPasswordTheBindAccountHoldsIsTakenUpAgainByTheCheck() throws Exception {
        DirectoryAccount itself = itself();
        String held = "Lost#Passw0rd-" + UUID.randomUUID();
        dc.setDirectly(SERVICE, held);

        assertThat(directory.holds(itself, Secret.of(held))).isEqualTo(PasswordCheck.HOLDS);

        assertThat(credentials.current("acme").map(Secret::reveal)).contains(held);
        assertThat(restarted().findByEmail("acme", "alice@acme.test")).isPresent();
    }

    @Test
    void aWrongPasswordOfTheBindAccountChangesNothing() {
        DirectoryAccount itself = itself();

        assertThat(directory.holds(itself, Secret.of("Wrong#Passw0rd-1"))).isEqualTo(PasswordCheck.DOES_NOT_HOLD);

        assertThat(credentials.current("acme")).isEmpty();
        assertThat(directory.findByEmail("acme", "alice@acme.test")).isPresent();
    }

    private PasswordChange resetOfBob() {
        return directory.setPassword(bob(), Secret.of("Fresh#Passw0rd-1"), ResetOptions.PASSWORD_ONLY);
    }

    private DirectoryAccount bob() {
        return directory.findByEmail("acme", "bob@acme.test").orElseThrow();
    }

    private DirectoryAccount itself() {
        return directory.findByEmail("acme", "svc-rotabot@acme.test").orElseThrow();
    }

    /** A new adapter on the same bind credentials, as after a restart of the application. */
    private ActiveDirectory restarted() {
        AdConnectionProperties.Connection connection = new AdConnectionProperties.Connection(
                List.of(URI.create("ldaps://localhost:" + dc.port())), false, dc.caCertificate(), SERVICE, SERVICE_PASSWORD,
                "DC=acme,DC=test", Duration.ofSeconds(2), RESPONSE_TIMEOUT, false, 2);
        return new ActiveDirectory(HandBuiltControllers.of(new AdConnectionProperties(Map.of("acme", connection)), MASTER_KEY, credentials));
    }
}
