package io.rotabot.reliability;

import com.unboundid.ldap.listener.LDAPListener;
import com.unboundid.ldap.listener.LDAPListenerConfig;
import com.unboundid.ldap.listener.ProxyRequestHandler;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyResult;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptorRequestHandler;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import io.rotabot.sandbox.LocalCertificate;
import io.rotabot.sandbox.SandboxDirectory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An LDAPS front of a {@link SandboxDirectory} that passes every operation through to it, except that it
 * can hold one password reset of an account: before the directory applies it, or after the directory
 * applied it and before its answer goes back. The sandbox behind it stays the truth a test binds against.
 */
final class HeldDirectory implements AutoCloseable {

    private final LDAPListener listener;
    private final LocalCertificate certificate;
    private final PasswordResets resets = new PasswordResets();

    private HeldDirectory(SandboxDirectory directory, Path workDir) throws Exception {
        certificate = LocalCertificate.create(workDir, "held-directory");
        SSLUtil toDirectory = new SSLUtil(new PEMFileTrustManager(directory.caCertificate().toFile()));
        SSLUtil toClients = new SSLUtil(new KeyStoreKeyManager(certificate.keyStore().toFile(), certificate.pin(), "PKCS12",
                "server"), null);
        // one connection to the sandbox per client connection, so each client's bind stays its own
        ProxyRequestHandler passThrough = new ProxyRequestHandler(
                new SingleServerSet("localhost", directory.port(), toDirectory.createSSLSocketFactory()));
        LDAPListenerConfig config = new LDAPListenerConfig(0,
                new InMemoryOperationInterceptorRequestHandler(List.of(resets), passThrough));
        config.setListenAddress(InetAddress.getLoopbackAddress());
        config.setServerSocketFactory(toClients.createSSLServerSocketFactory());
        listener = new LDAPListener(config);
        listener.startListening();
    }

    static HeldDirectory inFrontOf(SandboxDirectory directory, Path workDir) throws Exception {
        return new HeldDirectory(directory, workDir);
    }

    int port() {
        return listener.getListenPort();
    }

    /** The PEM certificate a client of this front must trust. */
    Path caCertificate() {
        return certificate.pem();
    }

    /** Holds the next password reset of this entry before the directory sees it. */
    Hold holdResetBeforeApplied(String dn) {
        Hold hold = new Hold("password reset of " + dn + ", before the directory applies it");
        resets.before.put(key(dn), hold);
        return hold;
    }

    /** Holds the answer to the next password reset of this entry, once the directory has applied it. */
    Hold holdAnswerAfterApplied(String dn) {
        Hold hold = new Hold("answer to the password reset of " + dn + ", applied by the directory");
        resets.after.put(key(dn), hold);
        return hold;
    }

    /** How many password resets of this entry reached the front so far. */
    int resetsOf(String dn) {
        return resets.seen.getOrDefault(key(dn), new AtomicInteger()).get();
    }

    @Override
    public void close() {
        listener.shutDown(true);
    }

    private static String key(String dn) {
        return dn.toLowerCase(Locale.ROOT);
    }

    /** Sees every modify on its way to the directory and back; each hold is used once. */
    private static final class PasswordResets extends InMemoryOperationInterceptor {

        private final Map<String, Hold> before = new ConcurrentHashMap<>();
        private final Map<String, Hold> after = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

        @Override
        public void processModifyRequest(InMemoryInterceptedModifyRequest request) throws LDAPException {
            String dn = key(request.getRequest().getDN());
            String password = newPassword(request.getRequest().getModifications());
            if (password == null) {
                return;
            }
            seen.computeIfAbsent(dn, d -> new AtomicInteger()).incrementAndGet();
            Hold hold = before.remove(dn);
            if (hold != null && !hold.reach(password)) {
                // the caller died while we held it: the directory never sees this reset
                throw new LDAPException(ResultCode.UNAVAILABLE, "dropped by the test: the caller is gone");
            }
        }

        @Override
        public void processModifyResult(InMemoryInterceptedModifyResult result) {
            String dn = key(result.getRequest().getDN());
            String password = newPassword(result.getRequest().getModifications());
            if (password == null || result.getResult().getResultCode() != ResultCode.SUCCESS) {
                return;
            }
            Hold hold = after.remove(dn);
            if (hold != null) {
                hold.reach(password);
            }
        }

        /** The password a reset carries, as AD takes it: quoted, UTF-16LE; null for any other modify. */
        private static String newPassword(List<Modification> modifications) {
            for (Modification modification : modifications) {
                if (modification.getAttributeName().equalsIgnoreCase("unicodePwd") && modification.getValueByteArrays().length == 1) {
                    String quoted = new String(modification.getValueByteArrays()[0], StandardCharsets.UTF_16LE);
                    return quoted.length() >= 2 ? quoted.substring(1, quoted.length() - 1) : quoted;
                }
            }
            return null;
        }
    }
}
