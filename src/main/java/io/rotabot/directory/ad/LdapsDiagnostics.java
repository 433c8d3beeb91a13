package io.rotabot.directory.ad;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.HostNameTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import io.rotabot.directory.Diagnosis;
import io.rotabot.directory.Diagnosis.Outcome;
import io.rotabot.directory.Diagnosis.Step;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;

/**
 * Walks one domain controller through every step a reset depends on and explains the first that fails:
 * TCP, TLS handshake, certificate chain, host name, bind, the domain's password policy, and the right
 * to reset passwords. The certificate is captured during the handshake and judged afterwards, so a
 * chain problem is told apart from a server that does not speak TLS at all.
 */
final class LdapsDiagnostics {

    private final String organizationKey;
    private final AdConnectionProperties.Connection settings;
    private final String bindPassword;
    private final URI url;
    private final String host;
    private final int port;
    private final boolean ldaps;
    private final List<Step> steps = new ArrayList<>();

    LdapsDiagnostics(String organizationKey, AdConnectionProperties.Connection settings, String bindPassword, URI url) {
        this.organizationKey = organizationKey;
        this.settings = settings;
        this.bindPassword = bindPassword;
        this.url = url;
        this.ldaps = "ldaps".equalsIgnoreCase(url.getScheme());
        this.host = url.getHost();
        this.port = url.getPort() > 0 ? url.getPort() : ldaps ? 636 : 389;
    }

    Diagnosis run() {
        boolean ok = encrypted() && reachable();
        X509Certificate[] chain = ok ? handshake() : null;
        ok = chain != null && trusted(chain) && namesMatch(chain);
        LDAPConnection bound = ok ? bind() : null;
        try {
            ok = bound != null && policy(bound);
            if (ok) {
                resetRight(bound);
            }
        } finally {
            if (bound != null) {
                bound.close();
            }
        }
        for (String name : List.of("TCP connection", "TLS handshake", "certificate chain", "host name", "bind",
                "domain password policy", "right to reset passwords")) {
            if (steps.stream().noneMatch(s -> s.name().equals(name))) {
                steps.add(new Step(name, Outcome.SKIPPED, "not checked: an earlier step failed", ""));
            }
        }
        return new Diagnosis(organizationKey, url.toString(), List.copyOf(steps));
    }

    private boolean encrypted() {
        if (ldaps || ("ldap".equalsIgnoreCase(url.getScheme()) && settings.startTls())) {
            return true;
        }
        return fail("TCP connection", url + " is plain LDAP without StartTLS",
                "Use ldaps://" + host + ":636, or ldap://" + host + ":389 with start-tls: true; Rotabot never sends a password unencrypted.");
    }

    private boolean reachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) settings.connectTimeout().toMillis());
            return pass("TCP connection", "connected to " + socket.getInetAddress().getHostAddress() + ":" + port);
        } catch (Exception e) {
            return fail("TCP connection", "cannot connect to " + host + ":" + port + ": " + e,
                    "Check that " + host + " resolves from this server, that the domain controller listens on port " + port
                    + (ldaps ? " (LDAPS)" : "") + ", and that no firewall between them blocks it.");
        }
    }

    /** The handshake with a trust manager that records the chain and accepts it, to be judged next. */
    private X509Certificate[] handshake() {
        Recorder recorder = new Recorder();
        try {
            if (ldaps) {
                try (Socket plain = new Socket()) {
                    plain.connect(new InetSocketAddress(host, port), (int) settings.connectTimeout().toMillis());
                    SSLSocket tls = (SSLSocket) new SSLUtil(recorder).createSSLSocketFactory()
                            .createSocket(plain, host, port, true);
                    tls.setSoTimeout((int) settings.responseTimeout().toMillis());
                    tls.startHandshake();
                    pass("TLS handshake", tls.getSession().getProtocol() + " with " + tls.getSession().getCipherSuite());
                    tls.close();
                }
            } else {
                try (LDAPConnection connection = new LDAPConnection(options(), host, port)) {
                    var result = connection.processExtendedOperation(
                            new StartTLSExtendedRequest(new SSLUtil(recorder).createSSLContext()));
                    if (result.getResultCode() != ResultCode.SUCCESS) {
                        fail("TLS handshake", "the server refused StartTLS: " + result.getResultCode() + " "
                                + result.getDiagnosticMessage(), "The domain controller needs a certificate for TLS; "
                                + "install one with Server Authentication in its personal store, or use its ldaps:// port.");
                        return null;
                    }
                    pass("TLS handshake", "StartTLS upgraded the connection");
                }
            }
            return recorder.chain;
        } catch (Exception e) {
            fail("TLS handshake", "no TLS session with " + host + ":" + port + ": " + e.getMessage(), ldaps
                    ? "The server does not speak TLS on this port. A domain controller offers LDAPS on 636 only once it has a "
                      + "certificate with Server Authentication (from AD Certificate Services or installed by hand)."
                    : "The server does not complete StartTLS; give the domain controller a certificate, or use its ldaps:// port.");
            return null;
        }
    }

    private boolean trusted(X509Certificate[] chain) {
        X509Certificate leaf = chain[0];
        String presented = "the server presented " + leaf.getSubjectX500Principal().getName() + ", issued by "
                + leaf.getIssuerX500Principal().getName() + ", valid until " + leaf.getNotAfter().toInstant();
        if (leaf.getNotAfter().toInstant().isBefore(Instant.now())) {
            return fail("certificate chain", presented + ": it has expired", "Renew the domain controller's certificate.");
        }
        try {
            X509TrustManager trust = DomainControllers.tls(organizationKey, settings).trust();
            trust.checkServerTrusted(chain, "UNKNOWN");
            return pass("certificate chain", presented + "; trusted by "
                    + (settings.caCertificate() == null ? "the JVM trust store" : settings.caCertificate()));
        } catch (Exception e) {
            return fail("certificate chain", presented + "; not trusted: " + e.getMessage(),
                    "Set rotabot.directory.connections." + organizationKey + ".ca-certificate to a PEM file of the CA that "
                    + "issued it (on a DC: certutil -ca.cert ca.cer, then openssl x509 -inform der -in ca.cer -out ca.pem).");
        }
    }

    private boolean namesMatch(X509Certificate[] chain) {
        try {
            new HostNameTrustManager(false, host).checkServerTrusted(chain, "UNKNOWN");
            return pass("host name", "the certificate names " + host);
        } catch (CertificateException e) {
            return fail("host name", "the certificate does not name " + host + ": " + e.getMessage(),
                    "Connect by a name the certificate carries (see its subject alternative names), or reissue the "
                    + "certificate with " + host + " as a subject alternative name.");
        }
    }

    private LDAPConnection bind() {
        LDAPConnection connection = null;
        try {
            DomainControllers.Tls tls = DomainControllers.tls(organizationKey, settings);
            if (ldaps) {
                connection = new LDAPConnection(tls.context().getSocketFactory(), options(), host, port);
            } else {
                connection = new LDAPConnection(options(), host, port);
                connection.processExtendedOperation(new StartTLSExtendedRequest(tls.context()));
            }
            connection.bind(settings.bindDn(), bindPassword);
            pass("bind", "bound as " + settings.bindDn());
            return connection;
        } catch (LDAPException e) {
            if (connection != null) {
                connection.close();
            }
            BindRefusal refusal = BindRefusal.of(e);
            String reason = e.getResultCode() == ResultCode.INVALID_CREDENTIALS && !refusal.code().isEmpty()
                    ? refusal.reason("the bind account")
                    : DomainControllers.describe(e);
            fail("bind", "the directory refused the bind as " + settings.bindDn() + ": " + reason,
                    "Check rotabot.directory.connections." + organizationKey + ".bind-dn (a DN or user@domain) and bind-password, "
                    + "and that the account is enabled, not locked out and its password not expired.");
            return null;
        }
    }

    /** The policy of the domain that holds the base DN, read from the domain's head even when the base DN is an OU. */
    private boolean policy(LDAPConnection connection) {
        Domain domain;
        try {
            domain = Domain.read(connection, settings.baseDn());
        } catch (LDAPException e) {
            return fail("domain password policy", "cannot read the domain of " + settings.baseDn() + ": "
                    + DomainControllers.describe(e), "Check rotabot.directory.connections." + organizationKey
                    + ".base-dn: the domain's root, such as DC=corp,DC=example,DC=com, or an OU in it.");
        }
        String found = "domain " + domain.netbiosName() + " (" + domain.dnsName() + ", read at " + domain.distinguishedName() + ")";
        String groups = domain.privilegedGroups().size() + " privileged groups found";
        if (!domain.policyRead()) {
            warn("domain password policy", found + " shows no password policy (no minPwdLength); " + groups,
                    "Rotabot cannot tell what the domain demands of passwords and follows its own password policy alone. "
                    + "Let the bind account read the domain object (Authenticated Users may by default).");
            return true;
        }
        return pass("domain password policy", found + ": minimum length " + domain.minimumPasswordLength()
                + (domain.minimumPasswordLength() == 0 ? " (the domain demands none)" : "") + ", complexity "
                + (domain.complexity() ? "on" : "off") + ", history " + domain.historyLength() + ", minimum age "
                + domain.minimumPasswordAge().toHours() + " h, " + groups);
    }

    private void resetRight(LDAPConnection connection) {
        try {
            SearchRequest someone = new SearchRequest(settings.baseDn(), SearchScope.SUB, Filter.createANDFilter(
                    Filter.createEqualityFilter("objectClass", "user"),
                    Filter.createNOTFilter(Filter.createEqualityFilter("objectClass", "computer")),
                    Filter.createNOTFilter(Filter.createEqualityFilter("adminCount", "1"))),
                    "allowedAttributesEffective");
            someone.setSizeLimit(1);
            List<SearchResultEntry> found;
            try {
                found = connection.search(someone).getSearchEntries();
            } catch (LDAPException e) {
                if (e.getResultCode() != ResultCode.SIZE_LIMIT_EXCEEDED) {
                    throw e;
                }
                found = e instanceof com.unboundid.ldap.sdk.LDAPSearchException search ? search.getSearchEntries() : List.of();
            }
            if (found.isEmpty()) {
                warn("right to reset passwords", "no user account under " + settings.baseDn() + " to check the right on",
                        "Check base-dn.");
                return;
            }
            SearchResultEntry user = found.get(0);
            String[] effective = user.getAttributeValues("allowedAttributesEffective");
            if (effective != null && Arrays.stream(effective).anyMatch("unicodePwd"::equalsIgnoreCase)) {
                pass("right to reset passwords", "the bind account may set unicodePwd on " + user.getDN());
            } else {
                warn("right to reset passwords", "the bind account may not write unicodePwd on " + user.getDN(),
                        "Delegate the bind account the 'Reset password' right on the OUs of the accounts to rotate "
                        + "(Active Directory Users and Computers → Delegate Control); administrators also need it "
                        + "through AdminSDHolder or a Domain Admin bind account.");
            }
        } catch (LDAPException e) {
            warn("right to reset passwords", "could not check: " + DomainControllers.describe(e), "");
        }
    }

    private LDAPConnectionOptions options() {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis((int) settings.connectTimeout().toMillis());
        options.setResponseTimeoutMillis(settings.responseTimeout().toMillis());
        return options;
    }

    private boolean pass(String name, String detail) {
        steps.add(new Step(name, Outcome.PASSED, detail, ""));
        return true;
    }

    private void warn(String name, String detail, String advice) {
        steps.add(new Step(name, Outcome.WARNING, detail, advice));
    }

    private boolean fail(String name, String detail, String advice) {
        steps.add(new Step(name, Outcome.FAILED, detail, advice));
        return false;
    }

    /** Accepts any chain during the handshake and keeps it for judgement. */
    private static final class Recorder implements X509TrustManager {
        private X509Certificate[] chain;

        @Override
        public void checkClientTrusted(X509Certificate[] presented, String authType) {
            throw new UnsupportedOperationException("server side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType) {
            this.chain = presented;
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
