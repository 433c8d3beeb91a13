package io.rotabot.directory.ad;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Samba AD DC on loopback that docker/ad-test-dc.sh provisions and starts (once per machine;
 * later runs find it answering). The packages come from {@code docker/ad-test-dc.sh install}, which .ci/run calls.
 */
final class SambaDomainController {

    static final String BASE_DN = "DC=corp,DC=example,DC=test";
    static final String ADMINISTRATOR = "Administrator@corp.example.test";
    static final String ADMINISTRATOR_PASSWORD = "Adm1n!Passw0rd#2024";
    static final URI URL = URI.create("ldaps://127.0.0.1:636");
    static final Path CA = Path.of(System.getenv().getOrDefault("AD_DIR", "/tmp/rotabot-test-dc"), "tls", "ca.pem");

    private SambaDomainController() {
    }

    /** Provisions and starts the DC unless it already answers; fails with the script's own words. */
    static void ensureRunning() throws IOException, InterruptedException {
        Process script = new ProcessBuilder("bash", "docker/ad-test-dc.sh", "ensure").redirectErrorStream(true).start();
        boolean ended = script.waitFor(5, TimeUnit.MINUTES);
        String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended || script.exitValue() != 0) {
            throw new IllegalStateException("The Samba test DC did not start (docker/ad-test-dc.sh ensure): " + output);
        }
    }

    static LDAPConnection administrator() throws Exception {
        SSLUtil tls = new SSLUtil(new PEMFileTrustManager(CA.toFile()));
        LDAPConnection connection = new LDAPConnection(tls.createSSLSocketFactory(), URL.getHost(), URL.getPort());
        connection.bind(ADMINISTRATOR, ADMINISTRATOR_PASSWORD);
        return connection;
    }

    /**
     * Locks the account out by real failed binds. The domain's own policy never locks anyone out and other
     * runs share the DC, so a fine-grained password settings object of the caller's (made once, added to
     * {@code created} for removal) applies a threshold of three, and no minimum password age, to its
     * accounts only.
     */
    static void lockOut(LDAPConnection admin, String psoName, String dn, List<String> created) throws Exception {
        lenientPolicy(admin, psoName, dn, created);
        for (int i = 0; i < 3; i++) {
            assertThat(bindCode(dn, "Wrong#Passw0rd-" + i)).isIn("52e", "775");
        }
        assertThat(lockoutTime(admin, dn)).as("locked out").isPositive();
    }

    /** Applies the caller's settings object to the account: locked out after three failed binds, no minimum age. */
    static void lenientPolicy(LDAPConnection admin, String psoName, String dn, List<String> created) throws Exception {
        String pso = "CN=" + psoName + ",CN=Password Settings Container,CN=System," + BASE_DN;
        if (admin.getEntry(pso, "1.1") == null) {
            admin.add(new Entry(pso, new Attribute("objectClass", "top", "msDS-PasswordSettings"),
                    new Attribute("msDS-PasswordSettingsPrecedence", "20"),
                    new Attribute("msDS-PasswordReversibleEncryptionEnabled", "FALSE"),
                    new Attribute("msDS-PasswordHistoryLength", "0"),
                    new Attribute("msDS-PasswordComplexityEnabled", "TRUE"),
                    new Attribute("msDS-MinimumPasswordLength", "12"),
                    new Attribute("msDS-MinimumPasswordAge", "0"),
                    new Attribute("msDS-MaximumPasswordAge", Long.toString(-42 * 864_000_000_000L)),
                    new Attribute("msDS-LockoutThreshold", "3"),
                    new Attribute("msDS-LockoutObservationWindow", "-18000000000"),
                    new Attribute("msDS-LockoutDuration", "-18000000000")));
            created.add(0, pso);
        }
        try {
            admin.modify(pso, new Modification(ModificationType.ADD, "msDS-PSOAppliesTo", dn));
        } catch (LDAPException e) {
            if (e.getResultCode() != ResultCode.ATTRIBUTE_OR_VALUE_EXISTS) {
                throw e;
            }
        }
    }

    static long lockoutTime(LDAPConnection admin, String dn) throws LDAPException {
        Long value = admin.getEntry(dn, "lockoutTime").getAttributeValueAsLong("lockoutTime");
        return value == null ? 0 : value;
    }

    /** AD's data code for a bind as the DN with this password on a connection of its own; empty when it binds. */
    static String bindCode(String dn, String password) throws Exception {
        try (LDAPConnection connection = new LDAPConnection(new SSLUtil(new PEMFileTrustManager(CA.toFile()))
                .createSSLSocketFactory(), URL.getHost(), URL.getPort())) {
            connection.bind(dn, password);
            return "";
        } catch (LDAPException e) {
            assertThat(e.getResultCode()).as(e.getMessage()).isEqualTo(ResultCode.INVALID_CREDENTIALS);
            return BindRefusal.of(e).code();
        }
    }

    static AdConnectionProperties.Connection connection(List<URI> urls, String bindDn, String bindPassword,
                                                        boolean honorHistory) {
        return connection(urls, bindDn, bindPassword, honorHistory, BASE_DN);
    }

    /** A connection that searches only under this base DN, such as the one OU its bind account is delegated on. */
    static AdConnectionProperties.Connection connection(List<URI> urls, String bindDn, String bindPassword,
                                                        boolean honorHistory, String baseDn) {
        return new AdConnectionProperties.Connection(urls, false, CA, bindDn, bindPassword, baseDn,
                Duration.ofSeconds(3), Duration.ofSeconds(15), honorHistory, 2);
    }
}
