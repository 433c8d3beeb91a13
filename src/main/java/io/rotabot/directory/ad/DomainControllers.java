package io.rotabot.directory.ad;

import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.ServerSet;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import io.rotabot.directory.DirectoryUnavailableException;
import io.rotabot.security.Secret;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.springframework.stereotype.Component;

/**
 * Opens TLS connections to an organization's domain controllers, in the configured order, with the
 * certificate chain and host name checked. Plain LDAP without StartTLS is refused before any socket opens.
 */
@Component
class DomainControllers {

    private final AdConnectionProperties properties;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    DomainControllers(AdConnectionProperties properties) {
        this.properties = properties;
    }

    String baseDn(String organizationKey) {
        return endpoint(organizationKey).settings().baseDn();
    }

    /** A connection bound as the organization's service account. */
    ServiceSession connectAsService(String organizationKey) {
        Endpoint endpoint = endpoint(organizationKey);
        LDAPConnection connection = connect(endpoint);
        try {
            connection.bind(endpoint.settings().bindDn(), endpoint.settings().bindPassword());
            return new ServiceSession(endpoint, connection);
        } catch (LDAPException e) {
            connection.close();
            String hint = e.getResultCode() == ResultCode.INVALID_CREDENTIALS
                    ? "the bind account's credentials were refused; check rotabot.directory.connections."
                      + organizationKey + ".bind-dn and bind-password"
                    : describe(e);
            throw new DirectoryUnavailableException("Bind to " + organizationKey + "'s directory failed: " + hint, e);
        }
    }

    boolean binds(String organizationKey, String dn, Secret password) {
        try (LDAPConnection connection = connect(endpoint(organizationKey))) {
            return bindsAs(connection, dn, password);
        }
    }


    private static boolean bindsAs(LDAPConnection connection, String dn, Secret password) {
        try {
            connection.bind(dn, password.reveal());
            return true;
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                return false;
            }
            throw new DirectoryUnavailableException("Bind as " + dn + " failed: " + describe(e), e);
        }
    }

    private LDAPConnection connect(Endpoint endpoint) {
        try {
            LDAPConnection connection = endpoint.servers().getConnection();
            startTlsIfNeeded(endpoint, connection);
            return connection;
        } catch (LDAPException e) {
            throw new DirectoryUnavailableException("No domain controller of " + endpoint.organizationKey()
                    + " answered (" + endpoint.settings().urls() + "): " + describe(e), e);
        }
    }

    private static void startTlsIfNeeded(Endpoint endpoint, LDAPConnection connection) throws LDAPException {
        if (endpoint.startTls()) {
            var result = connection.processExtendedOperation(new StartTLSExtendedRequest(endpoint.tls()));
            if (result.getResultCode() != ResultCode.SUCCESS) {
                connection.close();
                throw new LDAPException(result);
            }
        }
    }

    private Endpoint endpoint(String organizationKey) {
        return endpoints.computeIfAbsent(organizationKey, this::open);
    }

    private Endpoint open(String organizationKey) {
        AdConnectionProperties.Connection settings = properties.connections().get(organizationKey);
        if (settings == null) {
            throw new DirectoryUnavailableException("Organization " + organizationKey
                    + " has no directory connection (rotabot.directory.connections." + organizationKey + ")", null);
        }
        try {
            TrustManager trust = settings.caCertificate() == null
                    ? JVMDefaultTrustManager.getInstance()
                    : new PEMFileTrustManager(settings.caCertificate().toFile());
            SSLContext tls = new SSLUtil(trust).createSSLContext("TLSv1.2");
            LDAPConnectionOptions options = new LDAPConnectionOptions();
            options.setConnectTimeoutMillis((int) settings.connectTimeout().toMillis());
            options.setResponseTimeoutMillis(settings.responseTimeout().toMillis());
            options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
            options.setFollowReferrals(false);
            boolean startTls = false;
            String[] hosts = new String[settings.urls().size()];
            int[] ports = new int[hosts.length];
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
            SocketFactory sockets = startTls ? SocketFactory.getDefault() : tls.getSocketFactory();
            ServerSet servers = new FailoverServerSet(hosts, ports, sockets, options);
            return new Endpoint(organizationKey, settings, servers, sockets, options, tls, startTls);
        } catch (GeneralSecurityException e) {
            throw new DirectoryUnavailableException("The CA certificate " + settings.caCertificate() + " of "
                    + organizationKey + "'s directory cannot be used: " + e.getMessage(), e);
        }
    }

    /** The result code and the server's diagnostic, in words, never a password. */
    static String describe(LDAPException e) {
        String diagnostic = e.getDiagnosticMessage();
        String text = e.getResultCode().getName() + " (" + e.getResultCode().intValue() + ")";
        if (diagnostic != null && !diagnostic.isBlank()) {
            text += ": " + diagnostic;
        } else if (e.getMessage() != null) {
            text += ": " + e.getMessage();
        }
        return text;
    }

    /** A service-account connection to one domain controller. */
    record ServiceSession(Endpoint endpoint, LDAPConnection connection) implements AutoCloseable {

        String server() {
            return connection.getConnectedAddress() + ":" + connection.getConnectedPort();
        }

        /** Binds as the account on this session's domain controller, which a change reached first. */
        boolean bindsOnThisServer(String dn, Secret password) {
            try (LDAPConnection check = new LDAPConnection(endpoint.socketFactory(), endpoint.options(),
                    connection.getConnectedAddress(), connection.getConnectedPort())) {
                startTlsIfNeeded(endpoint, check);
                return bindsAs(check, dn, password);
            } catch (LDAPException e) {
                throw new DirectoryUnavailableException("Verifying the new password on " + server()
                        + " failed: " + describe(e), e);
            }
        }

        @Override
        public void close() {
            connection.close();
        }
    }

    private record Endpoint(String organizationKey, AdConnectionProperties.Connection settings, ServerSet servers,
                            SocketFactory socketFactory, LDAPConnectionOptions options, SSLContext tls, boolean startTls) {
    }
}
