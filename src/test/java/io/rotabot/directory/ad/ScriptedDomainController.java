package io.rotabot.directory.ad;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyResult;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindResult;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.BindResult;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldif.LDIFReader;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import io.rotabot.sandbox.LocalCertificate;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory LDAPS directory with the sandbox's accounts that answers as a Windows domain controller does where
 * a test tells it to: a reset refused with the result code and the exact text AD sends (its trailing NUL
 * included), or a reset applied whose answer comes only after the client stopped waiting. Binds with a wrong
 * password are refused with AD's {@code data 52e} text; it counts them per DN.
 */
final class ScriptedDomainController implements AutoCloseable {

    /** Windows Server's refusal of a wrong password, NUL and all. */
    static final String WRONG_PASSWORD = "80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 52e, v4563\u0000";

    private final InMemoryDirectoryServer server;
    private final Path caCertificate;
    private final Resets resets;
    private final Map<String, AtomicInteger> failedBinds;

    private ScriptedDomainController(InMemoryDirectoryServer server, Path caCertificate, Resets resets,
                                     Map<String, AtomicInteger> failedBinds) {
        this.server = server;
        this.caCertificate = caCertificate;
        this.resets = resets;
        this.failedBinds = failedBinds;
    }

    static ScriptedDomainController start(Path work) throws Exception {
        LocalCertificate certificate = LocalCertificate.create(work, "scripted-dc");
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("DC=acme,DC=test", "DC=globex,DC=test");
        config.setSchema(null); // AD's attributes without its schema: the tests here are about answers, not syntax
        config.setPasswordAttributes("userPassword");
        Resets resets = new Resets();
        Map<String, AtomicInteger> failedBinds = new ConcurrentHashMap<>();
        config.addInMemoryOperationInterceptor(resets);
        config.addInMemoryOperationInterceptor(new InMemoryOperationInterceptor() {
            @Override
            public void processSimpleBindResult(InMemoryInterceptedSimpleBindResult result) {
                if (result.getResult().getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                    failedBinds.computeIfAbsent(result.getRequest().getBindDN().toLowerCase(Locale.ROOT), dn -> new AtomicInteger())
                            .incrementAndGet();
                    result.setResult(new BindResult(result.getMessageID(), ResultCode.INVALID_CREDENTIALS, WRONG_PASSWORD,
                            null, null, null));
                }
            }
        });
        SSLUtil tls = new SSLUtil(new KeyStoreKeyManager(certificate.keyStore().toFile(), certificate.pin(), "PKCS12", "server"), null);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPSConfig("LDAPS", InetAddress.getLoopbackAddress(), 0,
                tls.createSSLServerSocketFactory(), null));
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        try (LDIFReader reader = new LDIFReader(ScriptedDomainController.class.getResourceAsStream("/sandbox/directory.ldif"))) {
            server.importFromLDIF(true, reader);
        }
        server.startListening();
        return new ScriptedDomainController(server, certificate.pem(), resets, failedBinds);
    }

    int port() {
        return server.getListenPort();
    }

    Path caCertificate() {
        return caCertificate;
    }

    /** From now on each reset is refused with this result and AD's text, and nothing changes. */
    void refuseResets(ResultCode result, String diagnostic) {
        resets.refusal = new LDAPException(result, diagnostic);
        resets.delay = Duration.ZERO;
    }

    /** From now on each reset is applied, and its answer sent only after this long. */
    void answerResetsAfter(Duration delay) {
        resets.refusal = null;
        resets.delay = delay;
    }

    void answerResetsAtOnce() {
        resets.refusal = null;
        resets.delay = Duration.ZERO;
    }

    /** Binds refused so far for this DN. */
    int failedBinds(String dn) {
        AtomicInteger count = failedBinds.get(dn.toLowerCase(Locale.ROOT));
        return count == null ? 0 : count.get();
    }

    /** Whether the directory now holds this password for the DN, read on the server: no bind is made or counted. */
    boolean holds(String dn, String password) throws LDAPException {
        return server.getEntry(dn).hasAttributeValue("userPassword", password);
    }

    /** Sets the password as an administrator would, around Rotabot. */
    void setDirectly(String dn, String password) throws LDAPException {
        server.modify(dn, new Modification(ModificationType.REPLACE, "userPassword", password));
    }

    @Override
    public void close() {
        server.shutDown(true);
    }

    /** unicodePwd as AD takes it (one replace with the quoted UTF-16LE password), refused or answered late on request. */
    private static final class Resets extends InMemoryOperationInterceptor {

        private volatile LDAPException refusal;
        private volatile Duration delay = Duration.ZERO;

        @Override
        public void processModifyRequest(InMemoryInterceptedModifyRequest request) throws LDAPException {
            List<Modification> rewritten = new ArrayList<>();
            boolean reset = false;
            for (Modification modification : request.getRequest().getModifications()) {
                if (modification.getAttributeName().equalsIgnoreCase("unicodePwd")) {
                    String quoted = new String(modification.getValueByteArrays()[0], StandardCharsets.UTF_16LE);
                    rewritten.add(new Modification(ModificationType.REPLACE, "userPassword", quoted.substring(1, quoted.length() - 1)));
                    reset = true;
                } else {
                    rewritten.add(modification);
                }
            }
            if (reset && refusal != null) {
                throw refusal;
            }
            request.setRequest(new ModifyRequest(request.getRequest().getDN(), rewritten, request.getRequest().getControls()));
        }

        @Override
        public void processModifyResult(InMemoryInterceptedModifyResult result) {
            boolean reset = result.getRequest().getModifications().stream()
                    .anyMatch(m -> m.getAttributeName().equalsIgnoreCase("userPassword") || m.getAttributeName().equalsIgnoreCase("unicodePwd"));
            if (reset && !delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
