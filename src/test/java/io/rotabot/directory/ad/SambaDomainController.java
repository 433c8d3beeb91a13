package io.rotabot.directory.ad;

import com.unboundid.ldap.sdk.LDAPConnection;
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
