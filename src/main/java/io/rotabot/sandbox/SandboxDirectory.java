package io.rotabot.sandbox;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedAddRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.OperationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.ldif.LDIFReader;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An in-process LDAP directory over TLS that behaves like Active Directory where Rotabot cares:
 * AD's attributes and object classes, {@code unicodePwd} that takes only a quoted UTF-16LE value
 * (else 53 / 00002035), a domain password policy (else 19 / 0000052D with the reason), binds with
 * the new password at once, binds refused as AD refuses them (49 with {@code data 52e}, {@code 775},
 * {@code 533}, {@code 701}, {@code 773}), {@code lockoutTime} and {@code pwdLastSet} that take only
 * the values an administrator may write, and passwords that are never returned by a search.
 */
public final class SandboxDirectory implements AutoCloseable {

    /** Like a default AD domain policy, but a little stricter on length. */
    public static final int MIN_PASSWORD_LENGTH = 12;
    private static final long FILETIME_EPOCH_OFFSET_SECONDS = 11_644_473_600L;

    private final InMemoryDirectoryServer server;
    private final Path caCertificate;

    private SandboxDirectory(InMemoryDirectoryServer server, Path caCertificate) {
        this.server = server;
        this.caCertificate = caCertificate;
    }

    /**
     * Starts the directory on 127.0.0.1 with the entries of the LDIF.
     *
     * @param port the LDAPS port, 0 for any free one
     * @param workDir where the server's key store and the CA certificate (PEM) for clients are written
     * @param ldif the entries
     * @param baseDns the naming contexts the LDIF fills
     */
    public static SandboxDirectory start(int port, Path workDir, InputStream ldif, String... baseDns) throws Exception {
        LocalCertificate certificate = LocalCertificate.create(workDir, "sandbox-ldaps");

        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(baseDns);
        config.setSchema(Schema.mergeSchemas(Schema.getDefaultStandardSchema(), adSchema()));
        config.setPasswordAttributes("userPassword");
        // no salted-digest encoder: UnboundID's shares one MessageDigest between threads, and concurrent
        // binds then fail at random; passwords stay in this process's memory and no search returns them
        config.setAuthenticationRequiredOperationTypes(OperationType.SEARCH, OperationType.COMPARE,
                OperationType.MODIFY, OperationType.ADD, OperationType.DELETE, OperationType.MODIFY_DN);
        config.addInMemoryOperationInterceptor(new UnicodePwdRules());
        SignInRules signIns = new SignInRules();
        config.addInMemoryOperationInterceptor(signIns);
        SSLUtil tls = new SSLUtil(new KeyStoreKeyManager(certificate.keyStore().toFile(), certificate.pin(), "PKCS12", "server"), null);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPSConfig("LDAPS",
                InetAddress.getLoopbackAddress(), port, tls.createSSLServerSocketFactory(), null));
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        signIns.accounts = server;
        try (LDIFReader reader = new LDIFReader(ldif)) {
            server.importFromLDIF(true, reader);
        }
        server.startListening();
        return new SandboxDirectory(server, certificate.pem());
    }

    public int port() {
        return server.getListenPort();
    }

    /** The PEM certificate a client must trust; its names are localhost and 127.0.0.1. */
    public Path caCertificate() {
        return caCertificate;
    }

    @Override
    public void close() {
        server.shutDown(true);
    }

    private static Schema adSchema() throws Exception {
        return new Schema(new Entry("cn=schema",
                new Attribute("attributeTypes",
                        "( 1.2.840.113556.1.4.221 NAME 'sAMAccountName' EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )",
                        "( 1.2.840.113556.1.4.656 NAME 'userPrincipalName' EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )",
                        "( 1.2.840.113556.1.4.90 NAME 'unicodePwd' SYNTAX 1.3.6.1.4.1.1466.115.121.1.40 SINGLE-VALUE )",
                        "( 1.2.840.113556.1.4.2 NAME 'objectGUID' EQUALITY octetStringMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.40 SINGLE-VALUE )",
                        "( 1.2.840.113556.1.4.8 NAME 'userAccountControl' EQUALITY integerMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )",
                        "( 1.2.840.113556.1.4.96 NAME 'pwdLastSet' EQUALITY integerMatch ORDERING integerOrderingMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )",
                        "( 1.2.840.113556.1.4.150 NAME 'adminCount' EQUALITY integerMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )",
                        "( 1.2.840.113556.1.2.102 NAME 'memberOf' EQUALITY distinguishedNameMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.12 )",
                        "( 1.2.840.113556.1.4.78 NAME 'minPwdAge' EQUALITY integerMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )",
                        "( 1.2.840.113556.1.4.79 NAME 'minPwdLength' EQUALITY integerMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )",
                        "( 1.2.840.113556.1.4.93 NAME 'pwdProperties' EQUALITY integerMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )",
                        "( 1.2.840.113556.1.4.95 NAME 'pwdHistoryLength' EQUALITY integerMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )",
                        "( 1.2.840.113556.1.4.662 NAME 'lockoutTime' EQUALITY integerMatch ORDERING integerOrderingMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )",
                        "( 1.2.840.113556.1.4.159 NAME 'accountExpires' EQUALITY integerMatch ORDERING integerOrderingMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )",
                        "( 1.2.840.113556.1.4.60 NAME 'lockoutDuration' EQUALITY integerMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )"),
                new Attribute("objectClasses",
                        "( 1.2.840.113556.1.5.9 NAME 'user' SUP organizationalPerson STRUCTURAL MAY ( sAMAccountName $ userPrincipalName $ unicodePwd $ objectGUID $ userAccountControl $ pwdLastSet $ lockoutTime $ accountExpires $ adminCount $ mail $ displayName $ givenName $ memberOf $ userPassword ) )",
                        "( 1.2.840.113556.1.3.23 NAME 'container' SUP top STRUCTURAL MUST cn MAY description )",
                        "( 1.2.840.113556.1.5.8 NAME 'group' SUP top STRUCTURAL MUST cn MAY ( member $ sAMAccountName $ objectGUID $ adminCount $ description ) )",
                        "( 1.2.840.113556.1.5.67 NAME 'domainDNS' SUP top AUXILIARY MAY ( minPwdAge $ minPwdLength $ pwdProperties $ pwdHistoryLength $ lockoutDuration ) )")));
    }

    /**
     * What a domain controller does with unicodePwd, lockoutTime and pwdLastSet, as far as the sandbox needs it.
     * The modifications apply in order, so a pwdLastSet of 0 after a reset asks for a change at the next logon.
     */
    static final class UnicodePwdRules extends InMemoryOperationInterceptor {

        @Override
        public void processModifyRequest(InMemoryInterceptedModifyRequest request) throws LDAPException {
            List<Modification> rewritten = new ArrayList<>();
            for (Modification modification : request.getRequest().getModifications()) {
                String attribute = modification.getAttributeName();
                if (attribute.equalsIgnoreCase("unicodePwd")) {
                    if (modification.getModificationType() != ModificationType.REPLACE || modification.getValueByteArrays().length != 1) {
                        throw new LDAPException(ResultCode.UNWILLING_TO_PERFORM,
                                "00000057: the sandbox accepts administrator resets only (one replace of unicodePwd)");
                    }
                    String password = acceptable(modification.getValueByteArrays()[0]);
                    rewritten.add(new Modification(ModificationType.REPLACE, "userPassword", password));
                    rewritten.add(new Modification(ModificationType.REPLACE, "pwdLastSet", fileTimeNow()));
                } else if (attribute.equalsIgnoreCase("lockoutTime")) {
                    // AD lets an administrator end a lockout and nothing else; Windows' exact refusal is unconfirmed
                    // (Samba 4.17 stores any value), so the sandbox refuses the way AD refuses other values it will not take
                    if (!writes(modification, "0")) {
                        throw new LDAPException(ResultCode.UNWILLING_TO_PERFORM,
                                "00000057: lockoutTime may only be set to 0, which ends a lockout");
                    }
                    rewritten.add(modification);
                } else if (attribute.equalsIgnoreCase("pwdLastSet")) {
                    // 0 asks for a change at the next logon, -1 stamps now; the refusal is Samba 4.17's
                    if (writes(modification, "-1")) {
                        rewritten.add(new Modification(ModificationType.REPLACE, "pwdLastSet", fileTimeNow()));
                    } else if (writes(modification, "0")) {
                        rewritten.add(modification);
                    } else {
                        throw new LDAPException(ResultCode.OTHER,
                                "00000057: setup_last_set_field: pwdLastSet must be 0 or -1 only!");
                    }
                } else {
                    rewritten.add(modification);
                }
            }
            request.setRequest(new ModifyRequest(request.getRequest().getDN(), rewritten, request.getRequest().getControls()));
        }

        private static boolean writes(Modification modification, String value) {
            return modification.getModificationType() == ModificationType.REPLACE && modification.getValues().length == 1
                    && modification.getValues()[0].equals(value);
        }

        @Override
        public void processAddRequest(InMemoryInterceptedAddRequest request) throws LDAPException {
            Entry entry = request.getRequest().toEntry();
            Attribute unicodePwd = entry.getAttribute("unicodePwd");
            if (unicodePwd != null) {
                entry.removeAttribute("unicodePwd");
                entry.setAttribute("userPassword", acceptable(unicodePwd.getValueByteArray()));
                entry.setAttribute("pwdLastSet", fileTimeNow());
                request.setRequest(new AddRequest(entry, request.getRequest().getControls()));
            }
        }

        @Override
        public void processSearchEntry(InMemoryInterceptedSearchEntry result) {
            Entry entry = result.getSearchEntry().duplicate();
            if (entry.removeAttribute("userPassword") | entry.removeAttribute("unicodePwd")) {
                result.setSearchEntry(entry);
            }
        }

        static String acceptable(byte[] value) throws LDAPException {
            String quoted = new String(value, StandardCharsets.UTF_16LE);
            if (quoted.length() < 2 || quoted.charAt(0) != '"' || quoted.charAt(quoted.length() - 1) != '"') {
                throw new LDAPException(ResultCode.UNWILLING_TO_PERFORM,
                        "00002035: unicodePwd must be the password in double quotes, encoded UTF-16LE");
            }
            String password = quoted.substring(1, quoted.length() - 1);
            if (password.length() < MIN_PASSWORD_LENGTH) {
                throw new LDAPException(ResultCode.CONSTRAINT_VIOLATION,
                        "0000052D: Constraint violation - check_password_restrictions: the password is too short. "
                        + "It should be equal or longer than " + MIN_PASSWORD_LENGTH + " characters!");
            }
            if (characterCategories(password) < 3) {
                throw new LDAPException(ResultCode.CONSTRAINT_VIOLATION,
                        "0000052D: Constraint violation - check_password_restrictions: the password does not meet "
                        + "the complexity criteria!");
            }
            return password;
        }

        private static int characterCategories(String password) {
            boolean upper = password.chars().anyMatch(Character::isUpperCase);
            boolean lower = password.chars().anyMatch(Character::isLowerCase);
            boolean digit = password.chars().anyMatch(Character::isDigit);
            boolean other = password.chars().anyMatch(c -> !Character.isLetterOrDigit(c));
            return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
        }

        private static String fileTimeNow() {
            return Long.toString(fileTime(Instant.now()));
        }
    }

    /**
     * Binds refused as a domain controller refuses them, with result 49 and AD's text carrying the reason
     * (measured on Samba 4.17, which answers as Windows does): a locked-out account gets {@code data 775}
     * whatever the password; otherwise a wrong password gets {@code 52e}, and only the right one learns that
     * the account is disabled ({@code 533}), has expired ({@code 701}) or must change its password ({@code 773}).
     * A lockout lasts until an administrator ends it, as in a domain whose lockoutDuration is 0.
     */
    static final class SignInRules extends InMemoryOperationInterceptor {

        private static final int ACCOUNTDISABLE = 0x2;
        /** Set once the server exists, before it listens. */
        private InMemoryDirectoryServer accounts;

        @Override
        public void processSimpleBindRequest(InMemoryInterceptedSimpleBindRequest request) throws LDAPException {
            String dn = request.getRequest().getBindDN();
            Entry account = dn.isEmpty() ? null : accounts.getEntry(dn);
            if (account == null || !account.hasAttribute("userPassword")) {
                return; // anonymous, or no such account: the server answers as it does
            }
            if (number(account, "lockoutTime") > 0) {
                throw refused("775");
            }
            byte[] given = request.getRequest().getPassword().getValue();
            boolean right = Arrays.stream(account.getAttribute("userPassword").getValueByteArrays())
                    .anyMatch(stored -> MessageDigest.isEqual(stored, given));
            if (!right) {
                throw refused("52e");
            }
            if ((number(account, "userAccountControl") & ACCOUNTDISABLE) != 0) {
                throw refused("533");
            }
            long expires = number(account, "accountExpires");
            if (expires > 0 && expires != Long.MAX_VALUE && expires <= fileTime(Instant.now())) {
                throw refused("701");
            }
            if (account.hasAttribute("pwdLastSet") && number(account, "pwdLastSet") == 0) {
                throw refused("773");
            }
        }

        private static long number(Entry entry, String attribute) {
            Long value = entry.getAttributeValueAsLong(attribute);
            return value == null ? 0 : value;
        }

        /** Windows Server 2016's wording; only the data code differs from one refusal to the next. */
        private static LDAPException refused(String code) {
            return new LDAPException(ResultCode.INVALID_CREDENTIALS,
                    "80090308: LdapErr: DSID-0C090439, comment: AcceptSecurityContext error, data " + code + ", v4563");
        }
    }

    /** FILETIME: 100 ns since 1601. */
    private static long fileTime(Instant time) {
        return (time.getEpochSecond() + FILETIME_EPOCH_OFFSET_SECONDS) * 10_000_000L + time.getNano() / 100;
    }
}
