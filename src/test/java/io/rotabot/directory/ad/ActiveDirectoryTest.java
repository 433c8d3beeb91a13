package io.rotabot.directory.ad;

import io.rotabot.directory.ResetOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rotabot.directory.Diagnosis;
import io.rotabot.directory.DirectoryAccount;
import io.rotabot.directory.MinimumPasswordAge;
import io.rotabot.directory.DirectoryUnavailableException;
import io.rotabot.directory.PasswordChange;
import io.rotabot.sandbox.SandboxDirectory;
import io.rotabot.security.Secret;
import io.rotabot.testing.TestSecrets;
import java.net.ServerSocket;
import java.net.URI;
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
        assertThat(directory.accepts(bob, fresh)).isTrue();
        assertThat(directory.accepts(bob, Secret.of("Initial-Passw0rd-bob!"))).as("the old password").isFalse();
    }

    @Test
    void thePolicyRefusalComesBackWithTheDirectorysReason() {
        ActiveDirectory directory = directory(connection(List.of(ldaps(ldap.port())), SERVICE_PASSWORD, ldap.caCertificate()));
        DirectoryAccount dave = directory.findByEmail("acme", "dave.admin@acme.test").orElseThrow();

        PasswordChange tooShort = directory.setPassword(dave, Secret.of("Sh0rt!pw"), ResetOptions.PASSWORD_ONLY);
        PasswordChange simple = directory.setPassword(dave, Secret.of("alllowercaseletters"), ResetOptions.PASSWORD_ONLY);

        assertThat(tooShort.result()).isEqualTo(PasswordChange.Result.REJECTED_BY_POLICY);
        assertThat(tooShort.detail()).contains("the password is too short").doesNotContain("Sh0rt!pw");
        assertThat(simple.result()).isEqualTo(PasswordChange.Result.REJECTED_BY_POLICY);
        assertThat(simple.detail()).contains("complexity");
        assertThat(directory.accepts(dave, Secret.of("Initial-Passw0rd-dave!"))).as("unchanged").isTrue();
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
            assertThat(a.passwordLastSet()).isPresent();
        });
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
        assertThat(diagnosis.steps().subList(0, 6)).allSatisfy(s -> assertThat(s.outcome()).isEqualTo(Diagnosis.Outcome.PASSED));
        assertThat(diagnosis.steps().get(5).detail()).contains("domain ACME (acme.test)");
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
    void guidsReadAsAdToolsShowThem() {
        byte[] bytes = {0x78, 0x56, 0x34, 0x12, (byte) 0xBC, (byte) 0x9A, (byte) 0xF0, (byte) 0xDE,
            0x01, 0x23, 0x45, 0x67, (byte) 0x89, (byte) 0xAB, (byte) 0xCD, (byte) 0xEF};

        assertThat(AdGuid.toText(bytes)).isEqualTo("12345678-9abc-def0-0123-456789abcdef");
        assertThat(AdGuid.toBytes("12345678-9ABC-DEF0-0123-456789ABCDEF")).isEqualTo(bytes);
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
