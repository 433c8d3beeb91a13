package io.rotabot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox's directory answers binds and account-state writes as a domain controller does (measured on Samba 4.17). */
class SandboxDirectoryTest {

    private static final String SERVICE = "CN=Rotabot Service,CN=Users,DC=acme,DC=test";
    private static final String CAROL = "CN=Carol Chen,CN=Users,DC=acme,DC=test";
    private static final String DAN = "CN=Dan Dorsey,CN=Users,DC=acme,DC=test";
    private static final String BOB = "CN=Bob Brown,CN=Users,DC=acme,DC=test";
    private static final String ALICE = "CN=Alice Anders,CN=Users,DC=acme,DC=test";

    @TempDir
    Path work;
    private SandboxDirectory ldap;

    /** A directory for each test, since tests change the accounts' states. */
    @BeforeEach
    void startDirectory() throws Exception {
        ldap = SandboxDirectory.start(0, work, SandboxDirectoryTest.class.getResourceAsStream("/sandbox/directory.ldif"),
                "DC=acme,DC=test", "DC=globex,DC=test");
    }

    @AfterEach
    void stopDirectory() {
        ldap.close();
    }

    @Test
    void aLockedOutAccountIsRefusedWithData775WhateverThePassword() {
        assertThat(refusal(CAROL, "Initial-Passw0rd-carol!"))
                .isEqualTo("80090308: LdapErr: DSID-0C090439, comment: AcceptSecurityContext error, data 775, v4563");
        assertThat(refusal(CAROL, "Wrong-Passw0rd-1")).contains("data 775");
    }

    @Test
    void aDisabledAccountSaysSoOnlyToTheRightPassword() {
        assertThat(refusal(DAN, "Initial-Passw0rd-dan!")).contains("data 533");
        assertThat(refusal(DAN, "Wrong-Passw0rd-1")).contains("data 52e");
        assertThat(refusal(ALICE, "Wrong-Passw0rd-1")).contains("data 52e");
    }

    @Test
    void anExpiredAccountAndAPasswordToChangeSayBothOnlyToTheRightPassword() throws Exception {
        try (LDAPConnection service = connection()) {
            service.bind(SERVICE, "Demo-Svc-Passw0rd-acme!");
            service.modify(BOB, new Modification(ModificationType.REPLACE, "accountExpires", "130000000000000000"));
            assertThat(refusal(BOB, "Initial-Passw0rd-bob!")).contains("data 701");
            assertThat(refusal(BOB, "Wrong-Passw0rd-1")).contains("data 52e");

            service.modify(BOB, new Modification(ModificationType.REPLACE, "accountExpires", "0"),
                    new Modification(ModificationType.REPLACE, "pwdLastSet", "0"));
            assertThat(refusal(BOB, "Initial-Passw0rd-bob!")).contains("data 773");
            assertThat(refusal(BOB, "Wrong-Passw0rd-1")).contains("data 52e");

            service.modify(BOB, new Modification(ModificationType.REPLACE, "pwdLastSet", "-1"));
            assertThat(refusal(BOB, "Initial-Passw0rd-bob!")).as("pwdLastSet -1 stamps now").isEmpty();
        }
    }

    @Test
    void lockoutTimeTakesOnlyZeroAndPwdLastSetOnlyZeroOrMinusOne() throws Exception {
        try (LDAPConnection service = connection()) {
            service.bind(SERVICE, "Demo-Svc-Passw0rd-acme!");

            assertThatThrownBy(() -> service.modify(ALICE, new Modification(ModificationType.REPLACE, "lockoutTime", "134000000000000000")))
                    .isInstanceOfSatisfying(LDAPException.class, e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.UNWILLING_TO_PERFORM));
            assertThatThrownBy(() -> service.modify(ALICE, new Modification(ModificationType.REPLACE, "pwdLastSet", "5")))
                    .isInstanceOfSatisfying(LDAPException.class, e -> assertThat(e.getDiagnosticMessage()).contains("must be 0 or -1"));
            service.modify(CAROL, new Modification(ModificationType.REPLACE, "unicodePwd",
                    "\"Unlocked-Passw0rd-1\"".getBytes(StandardCharsets.UTF_16LE)),
                    new Modification(ModificationType.REPLACE, "lockoutTime", "0"));
        }
        assertThat(refusal(CAROL, "Unlocked-Passw0rd-1")).as("reset and unlocked in one modify").isEmpty();
    }

    /** AD's diagnostic text of a refused bind, or empty when the bind succeeds. */
    private String refusal(String dn, String password) {
        try (LDAPConnection connection = connection()) {
            connection.bind(dn, password);
            return "";
        } catch (LDAPException e) {
            assertThat(e.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS);
            return e.getDiagnosticMessage();
        }
    }

    private LDAPConnection connection() throws LDAPException {
        try {
            SSLUtil tls = new SSLUtil(new PEMFileTrustManager(ldap.caCertificate().toFile()));
            return new LDAPConnection(tls.createSSLSocketFactory(), "localhost", ldap.port());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
