package io.rotabot.directory.ad;

import static io.rotabot.directory.ad.SambaDomainController.ADMINISTRATOR;
import static io.rotabot.directory.ad.SambaDomainController.ADMINISTRATOR_PASSWORD;
import static io.rotabot.directory.ad.SambaDomainController.BASE_DN;
import static io.rotabot.directory.ad.SambaDomainController.URL;
import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.rotabot.directory.AccountUnlock;
import io.rotabot.directory.Diagnosis;
import io.rotabot.directory.DirectoryAccount;
import io.rotabot.directory.MinimumPasswordAge;
import io.rotabot.directory.PasswordChange;
import io.rotabot.directory.PasswordCheck;
import io.rotabot.directory.ResetOptions;
import io.rotabot.security.Secret;
import io.rotabot.testing.TestSecrets;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AD adapter against a real Samba AD DC: what a domain controller really does with resets, policy,
 * rights, nested groups and failover. Every run makes its own accounts and removes them afterwards.
 */
class SambaActiveDirectoryTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String USERS = "CN=Users," + BASE_DN;
    private static final String HELPDESK_PASSWORD = "Helpdesk#Passw0rd-" + RUN;
    private static final List<String> CREATED = new ArrayList<>();

    private static LDAPConnection admin;
    private static ActiveDirectory directory;

    @BeforeAll
    static void domainWithThisRunsAccounts() throws Exception {
        SambaDomainController.ensureRunning();
        admin = SambaDomainController.administrator();
        user("rb" + RUN + "-alice", "Initial#Passw0rd-" + RUN);
        user("rb" + RUN + "-bob", "Initial#Passw0rd-" + RUN);
        user("rb" + RUN + "-helpdesk", HELPDESK_PASSWORD);
        user("rb" + RUN + "-nestedadm", "Initial#Passw0rd-" + RUN);
        String group = "CN=rb" + RUN + "-itadmins," + USERS;
        admin.add(new Entry(group, new Attribute("objectClass", "top", "group"),
                new Attribute("sAMAccountName", "rb" + RUN + "-itadmins"),
                new Attribute("member", dn("rb" + RUN + "-nestedadm"))));
        CREATED.add(0, group);
        admin.modify("CN=Domain Admins," + USERS, new Modification(ModificationType.ADD, "member", group));
        directory = adapter(List.of(URL), ADMINISTRATOR, ADMINISTRATOR_PASSWORD, false);
    }

    @AfterAll
    static void removeThisRunsAccounts() {
        if (admin == null) {
            return;
        }
        try {
            admin.modify("CN=Domain Admins," + USERS, new Modification(ModificationType.DELETE, "member",
                    "CN=rb" + RUN + "-itadmins," + USERS));
        } catch (LDAPException ignored) {
            // the group may not have been added
        }
        for (String dn : CREATED) {
            try {
                admin.delete(dn);
            } catch (LDAPException ignored) {
                // best effort: a later run uses other names
            }
        }
        admin.close();
    }

    @Test
    void resetsThePasswordAndABindProvesIt() {
        DirectoryAccount alice = account("alice");
        Secret fresh = Secret.of("Fresh#Passw0rd-" + UUID.randomUUID());

        PasswordChange change = directory.setPassword(alice, fresh, ResetOptions.PASSWORD_ONLY);

        assertThat(change.succeeded()).isTrue();
        assertThat(directory.holds(alice, fresh)).isEqualTo(PasswordCheck.HOLDS);
        assertThat(directory.holds(alice, Secret.of("Initial#Passw0rd-" + RUN))).as("the old password").isEqualTo(PasswordCheck.DOES_NOT_HOLD);
    }

    @Test
    void tooShortAndNotComplexComeBackWithSambasReasons() {
        DirectoryAccount bob = account("bob");

        PasswordChange tooShort = directory.setPassword(bob, Secret.of("Sh0rt#pw"), ResetOptions.PASSWORD_ONLY);
        PasswordChange simple = directory.setPassword(bob, Secret.of("onlylowercaseletters"), ResetOptions.PASSWORD_ONLY);

        assertThat(tooShort.result()).isEqualTo(PasswordChange.Result.REJECTED_BY_POLICY);
        assertThat(tooShort.detail()).contains("the domain's password policy refused the password")
                .contains("the password is too short").endsWith("[LDAP 19, 0000052D]").doesNotContain("Sh0rt#pw");
        assertThat(simple.result()).isEqualTo(PasswordChange.Result.REJECTED_BY_POLICY);
        assertThat(simple.detail()).contains("complexity");
    }

    @Test
    void historyEnforcementTheDcCannotDoRefusesTheResetInsteadOfSkippingIt() {
        DirectoryAccount bob = account("bob");
        Secret first = Secret.of("History#Passw0rd-1-" + RUN);
        assertThat(directory.setPassword(bob, first, ResetOptions.PASSWORD_ONLY).succeeded()).isTrue();
        assertThat(directory.setPassword(bob, Secret.of("History#Passw0rd-2-" + RUN), ResetOptions.PASSWORD_ONLY).succeeded()).isTrue();

        PasswordChange withHints = adapter(List.of(URL), ADMINISTRATOR, ADMINISTRATOR_PASSWORD, true).setPassword(bob, first, ResetOptions.PASSWORD_ONLY);
        PasswordChange plainReset = directory.setPassword(bob, first, ResetOptions.PASSWORD_ONLY);

        assertThat(withHints.result()).as("Samba 4.17 does not know LDAP_SERVER_POLICY_HINTS")
                .isEqualTo(PasswordChange.Result.UNSUPPORTED);
        assertThat(withHints.detail()).contains("honor-password-history");
        assertThat(plainReset.succeeded()).as("an administrator's reset ignores the history").isTrue();
    }

    @Test
    void anAdministratorsResetIgnoresTheMinimumAgeWhichIsStillReported() {
        DirectoryAccount alice = account("alice");
        Instant before = Instant.now().minusSeconds(5);
        assertThat(directory.setPassword(alice, Secret.of("Young#Passw0rd-1-" + RUN), ResetOptions.PASSWORD_ONLY).succeeded()).isTrue();

        PasswordChange again = directory.setPassword(alice, Secret.of("Young#Passw0rd-2-" + RUN), ResetOptions.PASSWORD_ONLY);
        MinimumPasswordAge age = directory.minimumPasswordAge(alice);

        assertThat(again.succeeded()).isTrue();
        assertThat(age.minimumAge()).isEqualTo(Duration.ofDays(1));
        assertThat(age.source()).isEqualTo("domain policy");
        assertThat(age.passwordLastSet()).hasValueSatisfying(set -> assertThat(set).isAfter(before).isBefore(Instant.now().plusSeconds(5)));
        assertThat(age.earliestChange()).isEqualTo(age.passwordLastSet().orElseThrow().plus(Duration.ofDays(1)));
        assertThat(age.allowsChangeAt(Instant.now())).isFalse();
    }

    @Test
    void aFineGrainedPolicyOverridesTheDomainsMinimumAge() throws Exception {
        String pso = "CN=rb" + RUN + "-pso,CN=Password Settings Container,CN=System," + BASE_DN;
        admin.add(new Entry(pso, new Attribute("objectClass", "top", "msDS-PasswordSettings"),
                new Attribute("msDS-PasswordSettingsPrecedence", "10"),
                new Attribute("msDS-PasswordReversibleEncryptionEnabled", "FALSE"),
                new Attribute("msDS-PasswordHistoryLength", "3"),
                new Attribute("msDS-PasswordComplexityEnabled", "TRUE"),
                new Attribute("msDS-MinimumPasswordLength", "14"),
                new Attribute("msDS-MinimumPasswordAge", Long.toString(-2 * 864_000_000_000L)),
                new Attribute("msDS-MaximumPasswordAge", Long.toString(-90 * 864_000_000_000L)),
                new Attribute("msDS-LockoutThreshold", "0"),
                new Attribute("msDS-LockoutObservationWindow", "-18000000000"),
                new Attribute("msDS-LockoutDuration", "-18000000000"),
                new Attribute("msDS-PSOAppliesTo", dn("rb" + RUN + "-bob"))));
        CREATED.add(0, pso);

        MinimumPasswordAge age = directory.minimumPasswordAge(account("bob"));

        assertThat(age.minimumAge()).isEqualTo(Duration.ofDays(2));
        assertThat(age.source()).isEqualTo("password settings object rb" + RUN + "-pso");
    }

    @Test
    void anAccountDeletedSinceTheLookupIsGone() {
        DirectoryAccount ghost = new DirectoryAccount("corp", DirectoryAccount.Source.ACTIVE_DIRECTORY,
                "00000000-0000-0000-0000-000000000000", "CN=rb" + RUN + "-ghost," + USERS, "ghost", "", "", "", "CORP",
                true, false, false, DirectoryAccount.Privilege.NONE, false, Optional.empty());

        PasswordChange change = directory.setPassword(ghost, Secret.of("Ghost#Passw0rd-" + RUN), ResetOptions.PASSWORD_ONLY);

        assertThat(change.result()).isEqualTo(PasswordChange.Result.ACCOUNT_GONE);
        assertThat(change.detail()).endsWith("no longer exists in the directory [LDAP 32, 00002030]");
    }

    @Test
    void aBindAccountWithoutTheRightIsToldWhatToDelegate() {
        ActiveDirectory helpdesk = adapter(List.of(URL), dn("rb" + RUN + "-helpdesk"), HELPDESK_PASSWORD, false);

        PasswordChange user = helpdesk.setPassword(account("bob"), Secret.of("Denied#Passw0rd-" + RUN), ResetOptions.PASSWORD_ONLY);
        PasswordChange administrator = helpdesk.setPassword(account("nestedadm"), Secret.of("Denied#Passw0rd-" + RUN), ResetOptions.PASSWORD_ONLY);

        assertThat(user.result()).isEqualTo(PasswordChange.Result.NOT_PERMITTED);
        assertThat(user.detail()).contains("Reset Password right").contains("[LDAP 50");
        assertThat(administrator.result()).isEqualTo(PasswordChange.Result.NOT_PERMITTED);
        assertThat(administrator.detail()).contains("administrator").contains("AdminSDHolder");
    }

    @Test
    void aBindAccountDelegatedResetPasswordOnAnOuResetsItsUsers() throws Exception {
        String ou = organizationalUnit("staff");
        String delegate = "rb" + RUN + "-delegate";
        user(delegate, "Delegate#Passw0rd-" + RUN);
        user(ou, "rb" + RUN + "-staffer", "Initial#Passw0rd-" + RUN);
        delegateReset(ou, delegate);
        ActiveDirectory delegated = adapter(List.of(URL), dn(delegate), "Delegate#Passw0rd-" + RUN, false);

        PasswordChange inTheOu = delegated.setPassword(account("staffer"), Secret.of("Delegated#Passw0rd-" + RUN), ResetOptions.PASSWORD_ONLY);
        PasswordChange outside = delegated.setPassword(account("bob"), Secret.of("Delegated#Passw0rd-" + RUN), ResetOptions.PASSWORD_ONLY);

        assertThat(inTheOu.succeeded()).isTrue();
        assertThat(outside.result()).isEqualTo(PasswordChange.Result.NOT_PERMITTED);
    }

    @Test
    void aBindAccountMayRotateItselfOnlyWithTheResetRightAndThenBindsWithItsNewPassword() throws Exception {
        String ou = organizationalUnit("service");
        String name = "rb" + RUN + "-svc";
        String self = user(ou, name, "Service#Passw0rd-" + RUN);
        ActiveDirectory service = adapter(List.of(URL), self, "Service#Passw0rd-" + RUN, false);
        DirectoryAccount itself = service.findByEmail("corp", name + "@corp.example.test").orElseThrow();
        assertThat(service.isServiceAccount(itself)).isTrue();

        PasswordChange withoutTheRight = service.setPassword(itself, Secret.of("Rotated#Passw0rd-" + RUN), ResetOptions.PASSWORD_ONLY);
        assertThat(withoutTheRight.result()).isEqualTo(PasswordChange.Result.NOT_PERMITTED);
        assertThat(withoutTheRight.detail()).contains("may not reset its own password");

        delegateReset(ou, name);
        PasswordChange rotated = service.setPassword(itself, Secret.of("Rotated#Passw0rd-" + RUN), ResetOptions.PASSWORD_ONLY);

        assertThat(rotated.succeeded()).as(rotated.detail()).isTrue();
        assertThat(directory.holds(itself, Secret.of("Service#Passw0rd-" + RUN))).as("the old password").isEqualTo(PasswordCheck.DOES_NOT_HOLD);
        assertThat(service.findByEmail("corp", "rb" + RUN + "-alice@corp.example.test"))
                .as("the connection binds with the new password").isPresent();
    }

    @Test
    void aBindAccountHoldingAPasswordWhoseResetAnswerWasLostBindsWithItOnceACheckFoundIt() throws Exception {
        String name = "rb" + RUN + "-svclost";
        String self = user(organizationalUnit("lost"), name, "Service#Passw0rd-" + RUN);
        String masterKey = TestSecrets.newMasterKey();
        BindCredentials credentials = HandBuiltControllers.credentials(masterKey);
        AdConnectionProperties properties = new AdConnectionProperties(Map.of("corp",
                SambaDomainController.connection(List.of(URL), self, "Service#Passw0rd-" + RUN, false)));
        ActiveDirectory service = new ActiveDirectory(HandBuiltControllers.of(properties, masterKey, credentials));
        DirectoryAccount itself = service.findByEmail("corp", name + "@corp.example.test").orElseThrow();
        // the reset of the bind account reached the domain controller; its answer never came back
        admin.modify(self, new Modification(ModificationType.REPLACE, "unicodePwd",
                ("\"Lost#Passw0rd-" + RUN + "\"").getBytes(StandardCharsets.UTF_16LE)));

        PasswordCheck check = service.holds(itself, Secret.of("Lost#Passw0rd-" + RUN));

        assertThat(check).isEqualTo(PasswordCheck.HOLDS);
        ActiveDirectory restarted = new ActiveDirectory(HandBuiltControllers.of(properties, masterKey, credentials));
        assertThat(restarted.findByEmail("corp", "rb" + RUN + "-alice@corp.example.test")).as("binds with it").isPresent();
        assertThat(admin.getEntry(self, "badPwdCount").getAttributeValueAsInteger("badPwdCount")).as("no failed bind").isIn(null, 0);
    }

    @Test
    void membersOfNestedAdminGroupsAndProtectedAccountsArePrivileged() {
        assertThat(account("nestedadm").privileged()).as("member of a group inside Domain Admins").isTrue();
        assertThat(account("alice").privileged()).isFalse();

        List<DirectoryAccount> accounts = directory.accounts("corp");

        Map<String, DirectoryAccount> byName = new java.util.HashMap<>();
        accounts.forEach(a -> byName.put(a.samAccountName(), a));
        assertThat(byName.get("Administrator").privileged()).isTrue();
        assertThat(byName.get("rb" + RUN + "-nestedadm").privileged()).isTrue();
        assertThat(byName.get("rb" + RUN + "-bob").privileged()).isFalse();
        assertThat(byName.get("Guest").enabled()).as("disabled accounts are flagged").isFalse();
        assertThat(accounts).allSatisfy(a -> assertThat(a.domain()).isEqualTo("CORP"));
    }

    @Test
    void failsOverWhenTheFirstDomainControllerIsDown() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        ActiveDirectory failover = adapter(List.of(URI.create("ldaps://127.0.0.1:" + closed), URL),
                ADMINISTRATOR, ADMINISTRATOR_PASSWORD, false);
        DirectoryAccount alice = failover.findByEmail("corp", "rb" + RUN + "-alice@corp.example.test").orElseThrow();

        assertThat(failover.setPassword(alice, Secret.of("Failover#Passw0rd-" + RUN), ResetOptions.PASSWORD_ONLY).succeeded()).isTrue();
    }

    @Test
    void theDiagnosisPassesForTheAdministratorAndExplainsWhatTheHelpdeskAccountLacks() {
        Diagnosis healthy = adapter(List.of(URL), ADMINISTRATOR, ADMINISTRATOR_PASSWORD, false).diagnose("corp").get(0);
        Diagnosis helpdesk = adapter(List.of(URL), dn("rb" + RUN + "-helpdesk"), HELPDESK_PASSWORD, false).diagnose("corp").get(0);
        Diagnosis wrongPassword = adapter(List.of(URL), ADMINISTRATOR, "wrong", false).diagnose("corp").get(0);

        assertThat(healthy.steps()).allSatisfy(s -> assertThat(s.outcome()).isEqualTo(Diagnosis.Outcome.PASSED));
        assertThat(healthy.steps().get(5).detail()).contains("domain CORP (corp.example.test, read at " + BASE_DN + ")")
                .contains("minimum length 12")
                .contains("6 privileged groups found");
        assertThat(helpdesk.steps().get(6).outcome()).isEqualTo(Diagnosis.Outcome.WARNING);
        assertThat(helpdesk.steps().get(6).advice()).contains("Reset password");
        assertThat(wrongPassword.steps().get(4).detail()).contains("the password is wrong for the bind account (AD data 52e)");
        assertThat(directory.passwordPolicy("corp")).isEqualTo(new io.rotabot.directory.DirectoryPasswordPolicy(12, true));
    }

    /**
     * The measurement behind {@link BindRefusal}: what the DC answers the right and a wrong password in each
     * state a test can create. Only 775 comes whatever the password.
     */
    @Test
    void eachAccountStateAnswersTheRightAndAWrongPasswordAsMeasured() throws Exception {
        String password = "Initial#Passw0rd-" + RUN;
        String ok = user(USERS, "rb" + RUN + "-state-ok", password);
        String locked = user(USERS, "rb" + RUN + "-state-locked", password);
        String disabled = user(USERS, "rb" + RUN + "-state-disabled", password);
        String mustChange = user(USERS, "rb" + RUN + "-state-mustchange", password);
        String expired = user(USERS, "rb" + RUN + "-state-expired", password);
        SambaDomainController.lockOut(admin, "rb" + RUN + "-lockout", locked, CREATED);
        admin.modify(disabled, new Modification(ModificationType.REPLACE, "userAccountControl", "514"));
        admin.modify(mustChange, new Modification(ModificationType.REPLACE, "pwdLastSet", "0"));
        admin.modify(expired, new Modification(ModificationType.REPLACE, "accountExpires", "132000000000000000")); // 2019

        assertThat(List.of(SambaDomainController.bindCode(ok, password), SambaDomainController.bindCode(ok, "Wrong#Passw0rd-1"))).containsExactly("", "52e");
        assertThat(List.of(SambaDomainController.bindCode(locked, password), SambaDomainController.bindCode(locked, "Wrong#Passw0rd-1"))).containsExactly("775", "775");
        assertThat(List.of(SambaDomainController.bindCode(disabled, password), SambaDomainController.bindCode(disabled, "Wrong#Passw0rd-1"))).containsExactly("533", "52e");
        assertThat(List.of(SambaDomainController.bindCode(mustChange, password), SambaDomainController.bindCode(mustChange, "Wrong#Passw0rd-1"))).containsExactly("773", "52e");
        assertThat(List.of(SambaDomainController.bindCode(expired, password), SambaDomainController.bindCode(expired, "Wrong#Passw0rd-1"))).containsExactly("701", "52e");
        assertThat(account("state-ok")).satisfies(a -> assertThat(List.of(a.lockedOut(), a.usable())).containsExactly(false, true));
        assertThat(account("state-locked").lockedOut()).isTrue();
        assertThat(account("state-disabled").enabled()).isFalse();
        assertThat(account("state-expired")).satisfies(a -> assertThat(List.of(a.expired(), a.usable())).containsExactly(true, false));
    }

    @Test
    void aPlainResetLeavesALockedOutAccountLockedAndAResetThatUnlocksOpensIt() throws Exception {
        String dn = user(USERS, "rb" + RUN + "-locked", "Initial#Passw0rd-" + RUN);
        SambaDomainController.lockOut(admin, "rb" + RUN + "-lockout", dn, CREATED);
        DirectoryAccount locked = account("locked");
        Secret fresh = Secret.of("Unlocked#Passw0rd-" + RUN);

        PasswordChange plain = directory.setPassword(locked, Secret.of("Plain#Passw0rd-" + RUN), ResetOptions.PASSWORD_ONLY);

        assertThat(locked.lockedOut()).isTrue();
        assertThat(plain.result()).isEqualTo(PasswordChange.Result.NOT_VERIFIED);
        assertThat(plain.detail()).contains("the account is locked out (AD data 775)");
        assertThat(SambaDomainController.lockoutTime(admin, dn)).isPositive();
        assertThat(account("locked").lockedOut()).isTrue();

        PasswordChange unlocking = directory.setPassword(locked, fresh, new ResetOptions(true, false));

        assertThat(unlocking.succeeded()).as(unlocking.detail()).isTrue();
        assertThat(SambaDomainController.lockoutTime(admin, dn)).isZero();
        assertThat(directory.holds(locked, fresh)).isEqualTo(PasswordCheck.HOLDS);
        assertThat(account("locked").lockedOut()).isFalse();
    }

    @Test
    void anUnlockAloneLetsTheOldPasswordBindAgain() throws Exception {
        Secret old = Secret.of("Initial#Passw0rd-" + RUN);
        String dn = user(USERS, "rb" + RUN + "-unlock", old.reveal());
        SambaDomainController.lockOut(admin, "rb" + RUN + "-lockout", dn, CREATED);
        DirectoryAccount locked = account("unlock");
        assertThat(directory.holds(locked, old)).as("locked out").isEqualTo(PasswordCheck.UNKNOWN);

        AccountUnlock unlocked = directory.unlock(locked);
        AccountUnlock again = directory.unlock(locked);

        assertThat(unlocked.result()).isEqualTo(AccountUnlock.Result.UNLOCKED);
        assertThat(directory.holds(locked, old)).isEqualTo(PasswordCheck.HOLDS);
        assertThat(again.result()).isEqualTo(AccountUnlock.Result.WAS_NOT_LOCKED);
    }

    @Test
    void aResetThatAsksForAChangeAtNextLogonIsProvenByData773() throws Exception {
        String dn = user(USERS, "rb" + RUN + "-newstarter", "Initial#Passw0rd-" + RUN);
        Secret fresh = Secret.of("Starter#Passw0rd-" + RUN);

        PasswordChange change = directory.setPassword(account("newstarter"), fresh, new ResetOptions(false, true));

        assertThat(change.succeeded()).as(change.detail()).isTrue();
        assertThat(change.detail()).contains("AD data 773");
        assertThat(admin.getEntry(dn, "pwdLastSet").getAttributeValueAsLong("pwdLastSet")).isZero();
        assertThat(SambaDomainController.bindCode(dn, fresh.reveal())).isEqualTo("773");
    }

    @Test
    void aResetOfADisabledAccountIsProvenByData533() throws Exception {
        String dn = user(USERS, "rb" + RUN + "-leaver", "Initial#Passw0rd-" + RUN);
        admin.modify(dn, new Modification(ModificationType.REPLACE, "userAccountControl", "514"));

        PasswordChange change = directory.setPassword(account("leaver"), Secret.of("Leaver#Passw0rd-" + RUN), ResetOptions.PASSWORD_ONLY);

        assertThat(change.succeeded()).as(change.detail()).isTrue();
        assertThat(change.detail()).contains("the account is disabled (AD data 533)");
    }

    @Test
    void aBindAccountThatMayOnlyResetPasswordsIsToldToDelegateLockoutTime() throws Exception {
        String ou = organizationalUnit("frontdesk");
        String delegate = "rb" + RUN + "-frontdesk";
        user(delegate, "Frontdesk#Passw0rd-" + RUN);
        String dn = user(ou, "rb" + RUN + "-visitor", "Initial#Passw0rd-" + RUN);
        delegateReset(ou, delegate);
        SambaDomainController.lockOut(admin, "rb" + RUN + "-lockout", dn, CREATED);
        ActiveDirectory frontdesk = adapter(List.of(URL), dn(delegate), "Frontdesk#Passw0rd-" + RUN, false);
        DirectoryAccount visitor = account("visitor");

        PasswordChange reset = frontdesk.setPassword(visitor, Secret.of("Visitor#Passw0rd-" + RUN), new ResetOptions(true, false));
        AccountUnlock unlock = frontdesk.unlock(visitor);

        assertThat(reset.result()).isEqualTo(PasswordChange.Result.NOT_PERMITTED);
        assertThat(reset.detail()).contains("write access to lockoutTime");
        assertThat(unlock.result()).isEqualTo(AccountUnlock.Result.NOT_PERMITTED);
        assertThat(unlock.detail()).contains("lockoutTime");
        assertThat(SambaDomainController.bindCode(dn, "Initial#Passw0rd-" + RUN)).as("neither reset nor unlocked: one modify, all or nothing").isEqualTo("775");
    }

    @Test
    void anOuScopedConnectionReadsTheDomainsPolicyAndFindsTheAdministratorsInTheOu() throws Exception {
        String ou = organizationalUnit("scoped");
        String nested = user(ou, "rb" + RUN + "-scoped-nested", "Initial#Passw0rd-" + RUN);
        String direct = user(ou, "rb" + RUN + "-scoped-direct", "Initial#Passw0rd-" + RUN);
        user(ou, "rb" + RUN + "-scoped-user", "Initial#Passw0rd-" + RUN);
        admin.modify("CN=rb" + RUN + "-itadmins," + USERS, new Modification(ModificationType.ADD, "member", nested));
        admin.modify("CN=Domain Admins," + USERS, new Modification(ModificationType.ADD, "member", direct));
        ActiveDirectory scoped = new ActiveDirectory(HandBuiltControllers.of(new AdConnectionProperties(Map.of("corp",
                SambaDomainController.connection(List.of(URL), ADMINISTRATOR, ADMINISTRATOR_PASSWORD, false, ou)))));

        List<DirectoryAccount> accounts = scoped.accounts("corp");
        Diagnosis diagnosis = scoped.diagnose("corp").get(0);

        assertThat(scoped.passwordPolicy("corp")).isEqualTo(new io.rotabot.directory.DirectoryPasswordPolicy(12, true));
        assertThat(accounts).extracting(DirectoryAccount::samAccountName).containsExactlyInAnyOrder(
                "rb" + RUN + "-scoped-nested", "rb" + RUN + "-scoped-direct", "rb" + RUN + "-scoped-user");
        assertThat(accounts).filteredOn(DirectoryAccount::privileged).extracting(DirectoryAccount::samAccountName)
                .containsExactlyInAnyOrder("rb" + RUN + "-scoped-nested", "rb" + RUN + "-scoped-direct");
        assertThat(accounts).allSatisfy(a -> assertThat(a.domain()).isEqualTo("CORP"));
        assertThat(scoped.findByEmail("corp", "rb" + RUN + "-scoped-nested@corp.example.test"))
                .hasValueSatisfying(a -> assertThat(a.privileged()).isTrue());
        assertThat(diagnosis.steps().get(5).outcome()).isEqualTo(Diagnosis.Outcome.PASSED);
        assertThat(diagnosis.steps().get(5).detail()).contains("read at " + BASE_DN).contains("minimum length 12")
                .contains("complexity on").contains("6 privileged groups found");
    }

    @Test
    void aCertificateForOtherNamesFailsTheHostNameStep() {
        URI byOtherName = URI.create("ldaps://[::1]:636");

        Diagnosis diagnosis = adapter(List.of(byOtherName), ADMINISTRATOR, ADMINISTRATOR_PASSWORD, false).diagnose("corp").get(0);

        assertThat(diagnosis.steps().get(2).outcome()).isEqualTo(Diagnosis.Outcome.PASSED);
        assertThat(diagnosis.steps().get(3).outcome()).isEqualTo(Diagnosis.Outcome.FAILED);
        assertThat(diagnosis.steps().get(3).advice()).contains("subject alternative name");
    }

    private static DirectoryAccount account(String name) {
        return directory.findByEmail("corp", "rb" + RUN + "-" + name + "@corp.example.test").orElseThrow();
    }

    private static ActiveDirectory adapter(List<URI> urls, String bindDn, String password, boolean honorHistory) {
        return new ActiveDirectory(HandBuiltControllers.of(new AdConnectionProperties(
                Map.of("corp", SambaDomainController.connection(urls, bindDn, password, honorHistory)))));
    }

    private static String dn(String name) {
        return "CN=" + name + "," + USERS;
    }

    private static void user(String name, String password) throws LDAPException {
        user(USERS, name, password);
    }

    /** A user in this container, removed after the run; its DN. */
    private static String user(String container, String name, String password) throws LDAPException {
        String dn = "CN=" + name + "," + container;
        admin.add(new Entry(dn, new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                new Attribute("sAMAccountName", name),
                new Attribute("userPrincipalName", name + "@corp.example.test"),
                new Attribute("unicodePwd", ("\"" + password + "\"").getBytes(StandardCharsets.UTF_16LE)),
                new Attribute("userAccountControl", "512")));
        CREATED.add(0, dn);
        return dn;
    }

    /** An OU of this run, removed after its users; its DN. */
    private static String organizationalUnit(String name) throws LDAPException {
        String ou = "OU=rb" + RUN + "-" + name + "," + BASE_DN;
        admin.add(new Entry(ou, new Attribute("objectClass", "top", "organizationalUnit"), new Attribute("ou", "rb" + RUN + "-" + name)));
        CREATED.add(ou);
        return ou;
    }

    /** Gives the account the Reset Password right on the OU's objects, as an AD administrator would delegate it. */
    private static void delegateReset(String ou, String account) throws Exception {
        Process grant = new ProcessBuilder("bash", "docker/ad-test-dc.sh", "delegate-reset", ou, account).redirectErrorStream(true).start();
        assertThat(grant.waitFor()).as(new String(grant.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    }
}
