package io.rotabot.directory.ad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.ResultCode;
import io.rotabot.directory.AccountUnlock;
import io.rotabot.directory.Diagnosis;
import io.rotabot.directory.DirectoryAccount;
import io.rotabot.directory.MinimumPasswordAge;
import io.rotabot.directory.DirectoryUnavailableException;
import io.rotabot.directory.PasswordChange;
import io.rotabot.directory.PasswordCheck;
import io.rotabot.directory.ResetOptions;
import io.rotabot.sandbox.SandboxDirectory;
import io.rotabot.security.Secret;
import io.rotabot.testing.TestSecrets;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AD adapter against the sandbox's LDAPS directory, which refuses unicodePwd values as AD does. */
class ActiveDirectoryTest {

    private static final String SERVICE = "CN=Rotabot Service,CN=Users,DC=acme,DC=test";
    private static final String SERVICE_PASSWORD = "Demo-Svc-Passw0rd-acme!";

    @TempDir
    static Path work;
    private static SandboxDirectory ldap;
    private static final String MASTER_KEY = TestSecrets.newMasterKey();

    @BeforeAll
    static void startDirectory() throws Exception {
        ldap = SandboxDirectory.start(0, work, ActiveDirectoryTest.class.getResourceAsStream("/sandbox/directory.ldif"),
                "DC=acme,DC=test", "DC=globex,DC=test");
    }

    @AfterAll
    static void stopDirectory() {
        ldap.close();
    }

    @Test
    void aBindPasswordStoredEncryptedIsDecryptedForTheBindOnly() {
        String stored = TestSecrets.encrypted(MASTER_KEY, SERVICE_PASSWORD);
        ActiveDirectory directory = directory(connection(List.of(ldaps(ldap.port())), stored, ldap.caCertificate()));

        assertThat(stored).startsWith("{cipher}").doesNotContain(SERVICE_PASSWORD);
        assertThat(directory.findByEmail("acme", "alice@acme.test")).isPresent();
        assertThat(directory.diagnose("acme").get(0).healthy()).isTrue();
    }

    @Test
    void findsAnAccountByAddressAndAgainByItsImmutableId() {
        ActiveDirectory directory = directory(connection(List.of(ldaps(ldap.port())), SERVICE_PASSWORD, ldap.caCertificate()));

        DirectoryAccount alice = directory.findByEmail("acme", "alice@acme.test").orElseThrow();

        assertThat(alice.samAccountName()).isEqualTo("alice");
        assertThat(alice.logonName()).isEqualTo("alice@acme.test");
        assertThat(alice.distinguishedName()).isEqualTo("CN=Alice Anders,CN=Users,DC=acme,DC=test");
        assertThat(alice.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(directory.account("acme", alice.id())).contains(alice);
        assertThat(directory.findByEmail("acme", "carol@globex.test")).as("another organization's domain").isEmpty();
        assertThat(directory.findByEmail("acme", "*")).as("the address is a value, not a filter").isEmpty();
    }

    @Test
    void setsThePasswordAndVerifiesItWithABind() {
        ActiveDirectory directory = directory(connection(List.of(ldaps(ldap.port())), SERVICE_PASSWORD, ldap.caCertificate()));
        DirectoryAccount bob = directory.findByEmail("acme", "bob@acme.test").orElseThrow();
        Secret fresh = Secret.of("Fresh-Passw0rd-" + System.nanoTime());

        PasswordChange change = directory.setPassword(bob, fresh, ResetOptions.PASSWORD_ONLY);

        assertThat(change.succeeded()).isTrue();
        assertThat(directory.holds(bob, fresh)).isEqualTo(PasswordCheck.HOLDS);
        assertThat(directory.holds(bob, Secret.of("Initial-Passw0rd-bob!"))).as("the old password").isEqualTo(PasswordCheck.DOES_NOT_HOLD);
    }

    @Test
    void thePolicyRefusalComesBackWithTheDirectorysReason() {
        ActiveDirectory directory = directory(connection(List.of(ldaps(ldap.port())), SERVICE_PASSWORD, ldap.caCertificate()));
        DirectoryAccount dave = directory.findByEmail("acme", "dave.admin@acme.test").orElseThrow();

        PasswordChange tooShort = directory.setPassword(dave, Secret.of("Sh0rt!pw"), ResetOptions.PASSWORD_ONLY);
        PasswordChange simple = directory.setPassword(dave, Secret.of("alllowercaseletters"), ResetOptions.PASSWORD_ONLY);

        assertThat(tooShort.result()).isEqualTo(PasswordChange.Result.REJECTED_BY_POLICY);
        assertThat(tooShort.detail()).isEqualTo("the domain's password policy refused the password (length, complexity or history): "
                + "the password is too short. It should be equal or longer than 12 characters! [LDAP 19, 0000052D]");
        assertThat(simple.result()).isEqualTo(PasswordChange.Result.REJECTED_BY_POLICY);
        assertThat(simple.detail()).contains("complexity");
        assertThat(directory.holds(dave, Secret.of("Initial-Passw0rd-dave!"))).as("unchanged").isEqualTo(PasswordCheck.HOLDS);
    }

    @Test
    void anAccountDeletedSinceTheLookupIsGone() {
        ActiveDirectory directory = directory(connection(List.of(ldaps(ldap.port())), SERVICE_PASSWORD, ldap.caCertificate()));
        DirectoryAccount ghost = new DirectoryAccount("acme", DirectoryAccount.Source.ACTIVE_DIRECTORY,
                "00000000-0000-0000-0000-000000000000", "CN=Ghost,CN=Users,DC=acme,DC=test", "ghost", "", "", "", "ACME",
                true, false, false, DirectoryAccount.Privilege.NONE, false, Optional.empty());

        assertThat(directory.setPassword(ghost, Secret.of("Fresh-Passw0rd-1"), ResetOptions.PASSWORD_ONLY).result())
                .isEqualTo(PasswordChange.Result.ACCOUNT_GONE);
        assertThat(directory.account("acme", ghost.id())).isEmpty();
    }

    @Test
    void failsOverToTheNextDomainController() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        ActiveDirectory directory = directory(connection(List.of(ldaps(closed), ldaps(ldap.port())), SERVICE_PASSWORD,
                ldap.caCertificate()));

        assertThat(directory.findByEmail("acme", "alice@acme.test")).isPresent();
    }

    @Test
    void anUntrustedCertificateIsAnOutageWithADiagnosis() {
        ActiveDirectory directory = directory(connection(List.of(ldaps(ldap.port())), SERVICE_PASSWORD, null));

        assertThatThrownBy(() -> directory.findByEmail("acme", "alice@acme.test"))
                .isInstanceOf(DirectoryUnavailableException.class)
                .hasMessageContaining("No domain controller of acme answered");
    }

    @Test
    void aWrongBindPasswordSaysWhichSettingToCheck() {
        ActiveDirectory directory = directory(connection(List.of(ldaps(ldap.port())), "wrong", ldap.caCertificate()));

        assertThatThrownBy(() -> directory.findByEmail("acme", "alice@acme.test"))
                .isInstanceOf(DirectoryUnavailableException.class)
                .hasMessageContaining("rotabot.directory.connections.acme.bind-dn and bind-password");
    }

    @Test
    void plainLdapWithoutStartTlsIsRefusedBeforeAnySocketOpens() {
        ActiveDirectory directory = directory(connection(List.of(URI.create("ldap://localhost:389")), SERVICE_PASSWORD, null));

        assertThatThrownBy(() -> directory.findByEmail("acme", "alice@acme.test"))
                .hasMessageContaining("passwords never travel unencrypted");
    }

    @Test
    void importsEveryUserWithDomainStateAndPrivilege() {
        ActiveDirectory directory = directory(connection(List.of(ldaps(ldap.port())), SERVICE_PASSWORD, ldap.caCertificate()));

        List<DirectoryAccount> accounts = directory.accounts("acme");

        assertThat(accounts).extracting(DirectoryAccount::samAccountName)
                .containsExactlyInAnyOrder("svc-rotabot", "alice", "bob", "adm-dave", "carol", "dan");
        assertThat(accounts).allSatisfy(a -> {
            assertThat(a.domain()).isEqualTo("ACME");
            assertThat(a.expired()).isFalse();
            assertThat(a.passwordLastSet()).isPresent();
        });
        assertThat(accounts).filteredOn(DirectoryAccount::lockedOut).extracting(DirectoryAccount::samAccountName)
                .containsExactly("carol");
        assertThat(accounts).filteredOn(a -> !a.enabled()).extracting(DirectoryAccount::samAccountName)
                .containsExactly("dan");
        assertThat(accounts).filteredOn(DirectoryAccount::privileged).extracting(DirectoryAccount::samAccountName)
                .containsExactly("adm-dave");
        assertThat(directory.findByEmail("acme", "dave.admin@acme.test")).hasValueSatisfying(d -> assertThat(d.privileged()).isTrue());
    }

    @Test
    void aDomainWithoutAMinimumAgeAllowsAChangeNow() {
        ActiveDirectory directory = directory(connection(List.of(ldaps(ldap.port())), SERVICE_PASSWORD, ldap.caCertificate()));
        DirectoryAccount alice = directory.findByEmail("acme", "alice@acme.test").orElseThrow();

        MinimumPasswordAge age = directory.minimumPasswordAge(alice);

        assertThat(age.minimumAge()).isZero();
        assertThat(age.source()).isEqualTo("domain policy");
        assertThat(age.allowsChangeAt(Instant.now())).isTrue();
    }

    @Test
    void aHealthyConnectionPassesEveryStepItCanCheck() {
        AdConnectionProperties.Connection settings = connection(List.of(ldaps(ldap.port())), SERVICE_PASSWORD, ldap.caCertificate());

        Diagnosis diagnosis = new LdapsDiagnostics("acme", settings, settings.bindPassword(), ldaps(ldap.port())).run();

        assertThat(diagnosis.healthy()).isTrue();
        assertThat(diagnosis.steps()).extracting(Diagnosis.Step::name).containsExactly("TCP connection", "TLS handshake",
                "certificate chain", "host name", "bind", "domain password policy", "right to reset passwords");
        assertThat(diagnosis.steps().subList(0, 5)).allSatisfy(s -> assertThat(s.outcome()).isEqualTo(Diagnosis.Outcome.PASSED));
        Diagnosis.Step policy = diagnosis.steps().get(5);
        assertThat(policy.outcome()).as("the sandbox's ACME domain object carries no password policy").isEqualTo(Diagnosis.Outcome.WARNING);
        assertThat(policy.detail()).contains("domain ACME (acme.test, read at DC=acme,DC=test)").contains("shows no password policy");
    }

    @Test
    void anUntrustedCertificateIsExplainedWithTheCertificateAndTheFix() {
        AdConnectionProperties.Connection settings = connection(List.of(ldaps(ldap.port())), SERVICE_PASSWORD, null);

        Diagnosis diagnosis = new LdapsDiagnostics("acme", settings, settings.bindPassword(), ldaps(ldap.port())).run();

        assertThat(diagnosis.healthy()).isFalse();
        assertThat(diagnosis.steps().get(1).outcome()).isEqualTo(Diagnosis.Outcome.PASSED);
        Diagnosis.Step chain = diagnosis.steps().get(2);
        assertThat(chain.outcome()).isEqualTo(Diagnosis.Outcome.FAILED);
        assertThat(chain.detail()).contains("CN=localhost,O=Rotabot Sandbox").contains("not trusted");
        assertThat(chain.advice()).contains("ca-certificate");
        assertThat(diagnosis.steps().subList(3, 7)).allSatisfy(s -> assertThat(s.outcome()).isEqualTo(Diagnosis.Outcome.SKIPPED));
    }

    @Test
    void aClosedPortAndAWrongPasswordAreToldApart() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        Diagnosis down = new LdapsDiagnostics("acme", connection(List.of(ldaps(closed)), SERVICE_PASSWORD, ldap.caCertificate()),
                SERVICE_PASSWORD, ldaps(closed)).run();
        Diagnosis wrong = new LdapsDiagnostics("acme", connection(List.of(ldaps(ldap.port())), "wrong", ldap.caCertificate()),
                "wrong", ldaps(ldap.port())).run();

        assertThat(down.steps().get(0).outcome()).isEqualTo(Diagnosis.Outcome.FAILED);
        assertThat(down.steps().get(0).advice()).contains("firewall");
        assertThat(wrong.steps().get(4).outcome()).isEqualTo(Diagnosis.Outcome.FAILED);
        assertThat(wrong.steps().get(4).advice()).contains("bind-password");
    }

    @Test
    void aPlainResetLeavesALockedOutAccountLockedAndIsNotVerified() throws Exception {
        try (SandboxDirectory fresh = sandbox()) {
            ActiveDirectory directory = directory(fresh);
            DirectoryAccount carol = directory.findByEmail("acme", "carol@acme.test").orElseThrow();
            Secret fresher = Secret.of("Fresh-Passw0rd-" + System.nanoTime());

            PasswordChange change = directory.setPassword(carol, fresher, ResetOptions.PASSWORD_ONLY);

            assertThat(carol.lockedOut()).isTrue();
            assertThat(change.result()).isEqualTo(PasswordChange.Result.NOT_VERIFIED);
            assertThat(change.detail()).contains("the account is locked out (AD data 775)").contains("unlocks");
            assertThat(directory.account("acme", carol.id()).orElseThrow().lockedOut()).isTrue();
            assertThat(directory.holds(carol, fresher)).as("data 775 whatever the password").isEqualTo(PasswordCheck.UNKNOWN);
        }
    }

    @Test
    void aResetThatUnlocksEndsTheLockoutAndIsVerifiedByABind() throws Exception {
        try (SandboxDirectory fresh = sandbox()) {
            ActiveDirectory directory = directory(fresh);
            DirectoryAccount carol = directory.findByEmail("acme", "carol@acme.test").orElseThrow();
            Secret fresher = Secret.of("Fresh-Passw0rd-" + System.nanoTime());

            PasswordChange change = directory.setPassword(carol, fresher, new ResetOptions(true, false));

            assertThat(change.succeeded()).as(change.detail()).isTrue();
            assertThat(change.detail()).contains("lockout ended").contains("verified by a bind");
            assertThat(directory.account("acme", carol.id()).orElseThrow().lockedOut()).isFalse();
            assertThat(directory.holds(carol, fresher)).isEqualTo(PasswordCheck.HOLDS);
        }
    }

    @Test
    void anUnlockEndsTheLockoutAndKeepsThePassword() throws Exception {
        try (SandboxDirectory fresh = sandbox()) {
            ActiveDirectory directory = directory(fresh);
            DirectoryAccount carol = directory.findByEmail("acme", "carol@acme.test").orElseThrow();
            assertThat(directory.holds(carol, Secret.of("Initial-Passw0rd-carol!"))).as("locked out").isEqualTo(PasswordCheck.UNKNOWN);

            AccountUnlock unlocked = directory.unlock(carol);
            AccountUnlock again = directory.unlock(carol);

            assertThat(unlocked.result()).isEqualTo(AccountUnlock.Result.UNLOCKED);
            assertThat(directory.holds(carol, Secret.of("Initial-Passw0rd-carol!"))).isEqualTo(PasswordCheck.HOLDS);
            assertThat(again.result()).isEqualTo(AccountUnlock.Result.WAS_NOT_LOCKED);
            assertThat(again.succeeded()).isTrue();
        }
    }

    @Test
    void anUnlockOfAnAccountDeletedSinceTheLookupSaysItIsGone() {
        ActiveDirectory directory = directory(connection(List.of(ldaps(ldap.port())), SERVICE_PASSWORD, ldap.caCertificate()));
        DirectoryAccount ghost = new DirectoryAccount("acme", DirectoryAccount.Source.ACTIVE_DIRECTORY,
                "00000000-0000-0000-0000-000000000000", "CN=Ghost,CN=Users,DC=acme,DC=test", "ghost", "", "", "", "ACME",
                true, true, false, DirectoryAccount.Privilege.NONE, false, Optional.empty());

        assertThat(directory.unlock(ghost).result()).isEqualTo(AccountUnlock.Result.ACCOUNT_GONE);
    }

    @Test
    void aResetThatAsksForAChangeAtNextLogonIsProvenByData773() throws Exception {
        try (SandboxDirectory fresh = sandbox()) {
            ActiveDirectory directory = directory(fresh);
            DirectoryAccount bob = directory.findByEmail("acme", "bob@acme.test").orElseThrow();
            Secret fresher = Secret.of("Fresh-Passw0rd-" + System.nanoTime());

            PasswordChange change = directory.setPassword(bob, fresher, new ResetOptions(false, true));

            assertThat(change.succeeded()).as(change.detail()).isTrue();
            assertThat(change.detail()).contains("AD data 773");
            assertThat(directory.account("acme", bob.id()).orElseThrow().passwordLastSet()).as("pwdLastSet 0").isEmpty();
            assertThat(directory.holds(bob, fresher)).as("the directory holds it, though it asks for a change at sign-in").isEqualTo(PasswordCheck.HOLDS);
            assertThat(directory.holds(bob, Secret.of("Wrong-Passw0rd-1"))).isEqualTo(PasswordCheck.DOES_NOT_HOLD);
        }
    }

    @Test
    void aResetOfADisabledAccountIsProvenByData533AndSaysTheAccountCannotSignIn() throws Exception {
        try (SandboxDirectory fresh = sandbox()) {
            ActiveDirectory directory = directory(fresh);
            DirectoryAccount dan = directory.findByEmail("acme", "dan@acme.test").orElseThrow();

            PasswordChange change = directory.setPassword(dan, Secret.of("Fresh-Passw0rd-" + System.nanoTime()), ResetOptions.PASSWORD_ONLY);

            assertThat(dan.enabled()).isFalse();
            assertThat(dan.usable()).isFalse();
            assertThat(change.succeeded()).as(change.detail()).isTrue();
            assertThat(change.detail()).contains("the account is disabled (AD data 533)");
        }
    }

    @Test
    void theConnectionsOwnAccountIsNeverAskedToChangeItsPasswordAtNextLogon() {
        ActiveDirectory directory = directory(connection(List.of(ldaps(ldap.port())), SERVICE_PASSWORD, ldap.caCertificate()));
        DirectoryAccount itself = directory.findByEmail("acme", "svc-rotabot@acme.test").orElseThrow();

        PasswordChange change = directory.setPassword(itself, Secret.of("Fresh-Passw0rd-" + System.nanoTime()), new ResetOptions(false, true));

        assertThat(change.result()).isEqualTo(PasswordChange.Result.UNSUPPORTED);
        assertThat(change.detail()).contains("data 773");
        assertThat(directory.holds(itself, Secret.of(SERVICE_PASSWORD))).as("untouched").isEqualTo(PasswordCheck.HOLDS);
    }

    @Test
    void adsDataCodeTellsWhichRefusalsProveThePassword() {
        BindRefusal windows = refusal("80090308: LdapErr: DSID-0C090439, comment: AcceptSecurityContext error, data 775, v4563\u0000");
        BindRefusal samba = refusal("80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data 52E, v1db1");
        BindRefusal mustChange = refusal("80090308: LdapErr: DSID-0C090439, comment: AcceptSecurityContext error, data 773, v4563");
        BindRefusal other = refusal("Invalid credentials\n\u0000");

        assertThat(windows.code()).isEqualTo("775");
        assertThat(windows.lockedOut()).isTrue();
        assertThat(windows.provesPassword()).as("775 comes whatever the password").isFalse();
        assertThat(windows.reason("the account")).isEqualTo("the account is locked out (AD data 775)");
        assertThat(samba.code()).isEqualTo("52e");
        assertThat(samba.provesPassword()).isFalse();
        assertThat(List.of("530", "531", "532", "533", "701", "773")).allSatisfy(code ->
                assertThat(refusal("AcceptSecurityContext error, data " + code + ", v4563").provesPassword()).as(code).isTrue());
        assertThat(mustChange.mustChangePassword()).isTrue();
        assertThat(other.code()).isEmpty();
        assertThat(other.provesPassword()).isFalse();
        assertThat(other.reason("the account")).isEqualTo("the directory refused the bind as the account (Invalid credentials)");
        assertThat(List.of(samba.check(), mustChange.check(), windows.check(), other.check()))
                .containsExactly(PasswordCheck.DOES_NOT_HOLD, PasswordCheck.HOLDS, PasswordCheck.UNKNOWN, PasswordCheck.UNKNOWN);
    }

    @Test
    void aLockoutOutlivesItsTimeOnlyWhenTheDomainKeepsItUntilAnAdministratorEndsIt() {
        Instant now = Instant.now();
        Domain thirtyMinutes = domain(Duration.ofMinutes(30));
        Domain untilUnlocked = domain(Duration.ZERO);

        assertThat(thirtyMinutes.lockedOut(Optional.of(now.minus(Duration.ofMinutes(10))), now)).isTrue();
        assertThat(thirtyMinutes.lockedOut(Optional.of(now.minus(Duration.ofMinutes(31))), now)).as("ran out").isFalse();
        assertThat(untilUnlocked.lockedOut(Optional.of(now.minus(Duration.ofDays(400))), now)).isTrue();
        assertThat(untilUnlocked.lockedOut(Optional.empty(), now)).as("lockoutTime 0").isFalse();
        assertThat(Domain.interval(Long.MIN_VALUE)).as("\"never\" reads as until an administrator ends it").isZero();
    }

    @Test
    void guidsReadAsAdToolsShowThem() {
        byte[] bytes = {0x78, 0x56, 0x34, 0x12, (byte) 0xBC, (byte) 0x9A, (byte) 0xF0, (byte) 0xDE,
            0x01, 0x23, 0x45, 0x67, (byte) 0x89, (byte) 0xAB, (byte) 0xCD, (byte) 0xEF};

        assertThat(AdGuid.toText(bytes)).isEqualTo("12345678-9abc-def0-0123-456789abcdef");
        assertThat(AdGuid.toBytes("12345678-9ABC-DEF0-0123-456789ABCDEF")).isEqualTo(bytes);
    }

    /** A sandbox of its own, for a test that changes an account's state. */
    private SandboxDirectory sandbox() throws Exception {
        return SandboxDirectory.start(0, Files.createTempDirectory(work, "fresh"),
                ActiveDirectoryTest.class.getResourceAsStream("/sandbox/directory.ldif"), "DC=acme,DC=test", "DC=globex,DC=test");
    }

    private static ActiveDirectory directory(SandboxDirectory sandbox) {
        return directory(connection(List.of(ldaps(sandbox.port())), SERVICE_PASSWORD, sandbox.caCertificate()));
    }

    private static BindRefusal refusal(String diagnostic) {
        return BindRefusal.of(new LDAPException(new LDAPResult(1, ResultCode.INVALID_CREDENTIALS, diagnostic, null, List.of(), List.of())));
    }

    private static Domain domain(Duration lockoutDuration) {
        return new Domain("DC=corp,DC=example,DC=test", "CORP", "corp.example.test", true, Duration.ZERO, 12, true, 5,
                lockoutDuration, List.of());
    }

    private static URI ldaps(int port) {
        return URI.create("ldaps://localhost:" + port);
    }

    private static AdConnectionProperties.Connection connection(List<URI> urls, String bindPassword, Path ca) {
        return new AdConnectionProperties.Connection(urls, false, ca, SERVICE, bindPassword, "DC=acme,DC=test",
                Duration.ofSeconds(2), Duration.ofSeconds(5), false, 2);
    }

    private static ActiveDirectory directory(AdConnectionProperties.Connection connection) {
        return new ActiveDirectory(HandBuiltControllers.of(new AdConnectionProperties(Map.of("acme", connection)), MASTER_KEY));
    }
}
