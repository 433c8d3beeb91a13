package io.rotabot.directory.ad;

import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import io.rotabot.VendorText;
import io.rotabot.directory.DirectoryUnavailableException;
import io.rotabot.directory.PasswordCheck;
import io.rotabot.security.ConfigurationSecrets;
import io.rotabot.security.Secret;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The TLS connections to each organization's domain controllers: a small pool bound as the service
 * account, tried in the configured order, with the certificate chain and host name checked. Plain
 * LDAP without StartTLS is refused before any socket opens.
 */
@Component
class DomainControllers {

    private static final Logger log = LoggerFactory.getLogger(DomainControllers.class);
    /** Enough of a server's text to act on; the sentence around it stays whole. */
    private static final int DIAGNOSTIC_LENGTH = 300;

    private final AdConnectionProperties properties;
    private final ConfigurationSecrets secrets;
    private final BindCredentials credentials;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    DomainControllers(AdConnectionProperties properties, ConfigurationSecrets secrets, BindCredentials credentials) {
        this.properties = properties;
        this.secrets = secrets;
        this.credentials = credentials;
    }

    /** The bind password in clear, for the bind: the one Rotabot last set, else the configured one ({cipher}… allowed). */
    String bindPassword(String organizationKey) {
        return credentials.current(organizationKey).map(this::revealed).orElseGet(() -> configuredPassword(organizationKey));
    }

    private String configuredPassword(String organizationKey) {
        return secrets.reveal(settings(organizationKey).bindPassword(),
                "rotabot.directory.connections." + organizationKey + ".bind-password");
    }

    private String revealed(Secret secret) {
        try (secret) {
            return secret.reveal();
        }
    }

    Set<String> organizations() {
        return properties.connections().keySet();
    }

    AdConnectionProperties.Connection settings(String organizationKey) {
        AdConnectionProperties.Connection settings = properties.connections().get(organizationKey);
        if (settings == null) {
            throw new DirectoryUnavailableException("Organization " + organizationKey
                    + " has no directory connection (rotabot.directory.connections." + organizationKey + ")", null);
        }
        return settings;
    }

    /** Runs work on a pooled service-account connection; a connection that broke is replaced, not reused. */
    <T> T withService(String organizationKey, LdapWork<T> work) throws LDAPException {
        Lease lease = lease(organizationKey);
        try {
            T result = work.apply(lease.connection());
            lease.pool().releaseConnection(lease.connection());
            return result;
        } catch (LDAPException e) {
            lease.pool().releaseConnectionAfterException(lease.connection(), e);
            throw e;
        } catch (RuntimeException e) {
            lease.pool().releaseDefunctConnection(lease.connection());
            throw e;
        }
    }

    /** A connection from the pool, bound as the service account. */
    private Lease lease(String organizationKey) throws LDAPException {
        LDAPConnectionPool pool = endpoint(organizationKey).pool();
        try {
            return new Lease(pool, pool.getConnection());
        } catch (LDAPException e) {
            if (e.getResultCode() != ResultCode.INVALID_CREDENTIALS) {
                throw e;
            }
            // another node may have rotated the bind account: bind again with what the database holds now
            forget(organizationKey);
            pool = endpoint(organizationKey).pool();
            return new Lease(pool, pool.getConnection());
        }
    }

    /**
     * Whether the first domain controller that answers holds this password for the DN, as a bind with it proves
     * (see {@link BindRefusal#check()}). When the DN is the connection's own account and the directory holds the
     * password, the connection takes it as its bind password: a reset whose answer was lost leaves it staged, and
     * without this the connection would go on trying the old one.
     *
     * @throws DirectoryUnavailableException when no domain controller answered the bind
     */
    PasswordCheck holds(String organizationKey, String dn, Secret password, boolean ownAccount) {
        Endpoint endpoint = endpoint(organizationKey);
        PasswordCheck check;
        try (LDAPConnection connection = endpoint.servers().getConnection()) {
            check = bindAs(connection, dn, password).map(BindRefusal::check).orElse(PasswordCheck.HOLDS);
        } catch (LDAPException e) {
            throw new DirectoryUnavailableException("No domain controller of " + organizationKey + " answered ("
                    + endpoint.settings().urls() + "): " + describe(e), e);
        }
        if (ownAccount && check == PasswordCheck.HOLDS && !bindsWith(organizationKey, password)) {
            credentials.adopt(organizationKey, password);
            forget(organizationKey);
            log.info("The bind account of {}'s directory holds a password Rotabot set; its connections bind with it now", organizationKey);
        }
        return check;
    }

    /** Whether the connection already binds with this password, the one Rotabot last set. */
    private boolean bindsWith(String organizationKey, Secret password) {
        return credentials.current(organizationKey).map(current -> {
            try (current) {
                return password.matches(current.reveal());
            }
        }).orElse(false);
    }

    /**
     * Resets a password and verifies it by binding as the account on the same connection — so on the
     * domain controller the change reached first, before it replicates — then gives the connection
     * back to the pool re-authenticated as the service account. The connection's own account is
     * different: its new password is staged in the database first and promoted once the bind succeeded
     * or AD's refusal proved the password, and the pool is rebuilt with it. The staged password is
     * discarded only when the domain controller answered the reset with a refusal; when no answer came
     * (a time-out, a broken connection) or the verifying bind failed, the directory may hold it, so it stays
     * staged, and the next pool binds with it once the old password fails ({@link #holds} promotes it too).
     *
     * @return empty when the bind with the new password succeeded, else AD's reason for refusing it
     * @throws LDAPException when the reset got no success: the domain controller's refusal, or no answer
     * @throws DirectoryUnavailableException when no connection for the reset could be had, or the verifying bind failed
     */
    Optional<BindRefusal> resetAndVerify(String organizationKey, ModifyRequest reset, String dn, Secret password,
                                         boolean ownAccount) throws LDAPException {
        Lease lease;
        try {
            lease = lease(organizationKey);
        } catch (LDAPException e) {
            throw new DirectoryUnavailableException("No domain controller of " + organizationKey + " let the bind account "
                    + "in to reset the password of " + dn + ", which was not changed: " + describe(e), e);
        }
        LDAPConnectionPool pool = lease.pool();
        LDAPConnection connection = lease.connection();
        try {
            if (ownAccount) {
                credentials.stage(organizationKey, password);
            }
            connection.modify(reset);
        } catch (LDAPException e) {
            if (ownAccount) {
                keepIfHeld(organizationKey, pool, connection, e);
            } else {
                pool.releaseConnectionAfterException(connection, e);
            }
            throw e;
        } catch (RuntimeException e) {
            pool.releaseConnection(connection);
            throw e;
        }
        String server = connection.getConnectedAddress() + ":" + connection.getConnectedPort();
        Optional<BindRefusal> refusal;
        try {
            refusal = bindAs(connection, dn, password);
        } catch (LDAPException e) {
            if (ownAccount) {
                // the directory holds the staged password: the next pool binds with it
                pool.discardConnection(connection);
                forget(organizationKey);
            } else {
                pool.releaseDefunctConnection(connection);
            }
            throw new DirectoryUnavailableException("The password of " + dn + " was set on " + server
                    + " but verifying it failed: " + describe(e), e);
        }
        if (!ownAccount) {
            pool.releaseAndReAuthenticateConnection(connection);
            return refusal;
        }
        // bound as the account itself now; a replacement would bind with the old password: the pool is rebuilt instead
        pool.discardConnection(connection);
        if (refusal.isEmpty() || refusal.get().provesPassword()) {
            credentials.promote(organizationKey);
            log.info("The bind account of {}'s directory has a new password; its connections bind with it now", organizationKey);
        }
        forget(organizationKey);
        return refusal;
    }

    /**
     * After the reset of the connection's own account failed: a refusal proves the directory kept the old
     * password, so the staged one goes; without an answer either may bind now, so the staged one stays and the
     * pool is rebuilt, trying the one Rotabot last set and then the staged one. The broken connection is not
     * replaced, as a replacement would bind with the old password, perhaps in vain.
     */
    private void keepIfHeld(String organizationKey, LDAPConnectionPool pool, LDAPConnection connection, LDAPException failure) {
        if (!ModifyRefusal.of(failure).mayHaveApplied()) {
            pool.releaseConnectionAfterException(connection, failure);
            credentials.discard(organizationKey);
            return;
        }
        pool.discardConnection(connection);
        forget(organizationKey);
        log.warn("The reset of the bind account of {}'s directory got no answer ({}); the directory may hold the new "
                + "password, which stays staged until a bind proves which one it holds", organizationKey, describe(failure));
    }

    /** Closes the organization's pool; the next call opens one with the bind password the database holds then. */
    private void forget(String organizationKey) {
        Endpoint endpoint = endpoints.remove(organizationKey);
        if (endpoint != null) {
            endpoint.pool().close();
        }
    }

    /** Empty when the bind succeeds; AD's reason when it refuses the credentials; any other failure is thrown. */
    private static Optional<BindRefusal> bindAs(LDAPConnection connection, String dn, Secret password) throws LDAPException {
        try {
            connection.bind(dn, password.reveal());
            return Optional.empty();
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                return Optional.of(BindRefusal.of(e));
            }
            throw e;
        }
    }

    private Endpoint endpoint(String organizationKey) {
        return endpoints.computeIfAbsent(organizationKey, this::open);
    }

    private Endpoint open(String organizationKey) {
        AdConnectionProperties.Connection settings = settings(organizationKey);
        Tls tls = tls(organizationKey, settings);
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis((int) settings.connectTimeout().toMillis());
        options.setResponseTimeoutMillis(settings.responseTimeout().toMillis());
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        options.setFollowReferrals(false);
        String[] hosts = new String[settings.urls().size()];
        int[] ports = new int[hosts.length];
        boolean startTls = false;
        for (int i = 0; i < hosts.length; i++) {
            URI url = settings.urls().get(i);
            boolean ldaps = "ldaps".equalsIgnoreCase(url.getScheme());
            if (!ldaps && !("ldap".equalsIgnoreCase(url.getScheme()) && settings.startTls())) {
                throw new IllegalStateException("Directory of " + organizationKey + ": " + url
                        + " is neither ldaps:// nor ldap:// with start-tls; passwords never travel unencrypted");
            }
            startTls |= !ldaps;
            hosts[i] = url.getHost();
            ports[i] = url.getPort() > 0 ? url.getPort() : ldaps ? 636 : 389;
        }
        SocketFactory sockets = startTls ? SocketFactory.getDefault() : tls.context().getSocketFactory();
        PostConnectProcessor upgrade = startTls ? new StartTLSPostConnectProcessor(tls.context()) : null;
        FailoverServerSet servers = new FailoverServerSet(hosts, ports, sockets, options, null, upgrade);
        try {
            LDAPConnectionPool pool = pool(organizationKey, settings, servers, upgrade);
            pool.setConnectionPoolName("directory-" + organizationKey);
            pool.setRetryFailedOperationsDueToInvalidConnections(true);
            return new Endpoint(settings, servers, pool);
        } catch (LDAPException e) {
            String problem = e.getResultCode() == ResultCode.INVALID_CREDENTIALS
                    ? "Bind to " + organizationKey + "'s directory failed: the bind account's credentials were refused; check "
                      + "rotabot.directory.connections." + organizationKey + ".bind-dn and bind-password (" + describe(e) + ")"
                    : "No domain controller of " + organizationKey + " answered (" + settings.urls() + "): " + describe(e);
            throw new DirectoryUnavailableException(problem + ". GET /api/directories/" + organizationKey
                    + "/diagnosis checks the connection step by step.", e);
        }
    }

    /**
     * A pool bound with the password Rotabot last set on the bind account, else the configured one.
     * When that is refused, a password a rotation staged (and may have set before a crash) is tried and
     * kept if it binds, then the configured one (an administrator may have reset the account by hand).
     */
    private LDAPConnectionPool pool(String organizationKey, AdConnectionProperties.Connection settings,
                                    FailoverServerSet servers, PostConnectProcessor upgrade) throws LDAPException {
        Map<String, String> candidates = new LinkedHashMap<>(); // password → where it comes from, first wins
        credentials.current(organizationKey).map(this::revealed).ifPresent(p -> candidates.putIfAbsent(p, "set by Rotabot"));
        credentials.pending(organizationKey).map(this::revealed).ifPresent(p -> candidates.putIfAbsent(p, "staged"));
        candidates.putIfAbsent(configuredPassword(organizationKey), "configured");
        LDAPException refused = null;
        for (Map.Entry<String, String> candidate : candidates.entrySet()) {
            try {
                LDAPConnectionPool pool = new LDAPConnectionPool(servers,
                        new SimpleBindRequest(settings.bindDn(), candidate.getKey()), 1, settings.poolSize(), upgrade);
                if (refused != null) {
                    log.warn("The bind account of {}'s directory refused the first password tried and took the {} one",
                            organizationKey, candidate.getValue());
                }
                if (candidate.getValue().equals("staged")) {
                    credentials.promote(organizationKey);
                }
                return pool;
            } catch (LDAPException e) {
                if (e.getResultCode() != ResultCode.INVALID_CREDENTIALS) {
                    throw e;
                }
                refused = e;
            }
        }
        throw refused;
    }

    /** The trust for an organization's DCs: its CA certificate, else the JVM's trust store. */
    static Tls tls(String organizationKey, AdConnectionProperties.Connection settings) {
        try {
            X509TrustManager trust = settings.caCertificate() == null
                    ? JVMDefaultTrustManager.getInstance()
                    : new PEMFileTrustManager(settings.caCertificate().toFile());
            return new Tls(trust, new SSLUtil(trust).createSSLContext());
        } catch (GeneralSecurityException e) {
            throw new DirectoryUnavailableException("The CA certificate " + settings.caCertificate() + " of "
                    + organizationKey + "'s directory cannot be used: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void close() {
        endpoints.values().forEach(e -> e.pool().close());
    }

    /** The result code and the server's diagnostic (or the SDK's words when no answer came), cleaned; never a password. */
    static String describe(LDAPException e) {
        String diagnostic = e.getDiagnosticMessage();
        String text = diagnostic != null && !diagnostic.isBlank() ? diagnostic : e.getMessage();
        return e.getResultCode().getName() + " (" + e.getResultCode().intValue() + ")"
                + (text == null || text.isBlank() ? "" : ": " + VendorText.clean(text, DIAGNOSTIC_LENGTH));
    }

    /** An operation on a service-account connection. */
    @FunctionalInterface
    interface LdapWork<T> {
        T apply(LDAPConnection connection) throws LDAPException;
    }

    record Tls(X509TrustManager trust, SSLContext context) {
    }

    private record Endpoint(AdConnectionProperties.Connection settings, FailoverServerSet servers, LDAPConnectionPool pool) {
    }

    private record Lease(LDAPConnectionPool pool, LDAPConnection connection) {
    }
}
