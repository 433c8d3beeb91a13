package io.rotabot.directory.ad;

import com.unboundid.asn1.ASN1Integer;
import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.asn1.ASN1Sequence;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import io.rotabot.directory.Diagnosis;
import io.rotabot.directory.DirectoryAdapter;
import io.rotabot.directory.DirectoryPasswordPolicy;
import io.rotabot.directory.DirectoryAccount;
import io.rotabot.directory.DirectoryUnavailableException;
import io.rotabot.directory.MinimumPasswordAge;
import io.rotabot.directory.PasswordChange;
import io.rotabot.directory.PasswordChange.Result;
import io.rotabot.security.Secret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** Active Directory over LDAPS or StartTLS: administrator resets through {@code unicodePwd}. */
@Component
@EnableConfigurationProperties(AdConnectionProperties.class)
class ActiveDirectory implements DirectoryAdapter {

    private static final Logger log = LoggerFactory.getLogger(ActiveDirectory.class);
    private static final String[] ACCOUNT_ATTRIBUTES = {"objectGUID", "sAMAccountName", "userPrincipalName", "mail",
        "displayName", "userAccountControl", "pwdLastSet"};
    private static final Filter USERS = Filter.createANDFilter(
            Filter.createEqualityFilter("objectClass", "user"),
            Filter.createNOTFilter(Filter.createEqualityFilter("objectClass", "computer")));
    private static final int ACCOUNTDISABLE = 0x2;
    private static final int PAGE_SIZE = 500;
    /** LDAP_SERVER_POLICY_HINTS with flags=1: apply the password history to an administrator's reset. */
    private static final String POLICY_HINTS = "1.2.840.113556.1.4.2239";
    private static final long FILETIME_EPOCH_OFFSET_SECONDS = 11_644_473_600L;

    private final DomainControllers controllers;
    private final Map<String, Domain> domains = new ConcurrentHashMap<>();

    ActiveDirectory(DomainControllers controllers) {
        this.controllers = controllers;
    }

    @Override
    public DirectoryAccount.Source source() {
        return DirectoryAccount.Source.ACTIVE_DIRECTORY;
    }

    @Override
    public Set<String> organizations() {
        return controllers.organizations();
    }

    @Override
    public String probe(String organizationKey) {
        return directory(organizationKey, "Health check", connection -> {
            connection.getRootDSE();
            return "connected to " + connection.getConnectedAddress() + ":" + connection.getConnectedPort();
        });
    }

    @Override
    public Optional<DirectoryAccount> findByEmail(String organizationKey, String email) {
        return searchOne(organizationKey, Filter.createORFilter(
                Filter.createEqualityFilter("mail", email),
                Filter.createEqualityFilter("userPrincipalName", email)));
    }

    @Override
    public Optional<DirectoryAccount> account(String organizationKey, String accountId) {
        return searchOne(organizationKey, Filter.createEqualityFilter("objectGUID", AdGuid.toBytes(accountId)));
    }

    @Override
    public List<DirectoryAccount> accounts(String organizationKey) {
        return directory(organizationKey, "Reading the accounts", connection -> {
            Domain domain = domain(organizationKey, connection);
            String baseDn = controllers.settings(organizationKey).baseDn();
            Set<String> privileged = new HashSet<>();
            pages(connection, new SearchRequest(baseDn, SearchScope.SUB, Filter.createANDFilter(USERS, domain.privilegedFilter()), "1.1"),
                    entry -> privileged.add(entry.getDN().toLowerCase(java.util.Locale.ROOT)));
            List<DirectoryAccount> accounts = new ArrayList<>();
            pages(connection, new SearchRequest(baseDn, SearchScope.SUB, USERS, ACCOUNT_ATTRIBUTES),
                    entry -> accounts.add(toAccount(organizationKey, domain, entry,
                            privileged.contains(entry.getDN().toLowerCase(java.util.Locale.ROOT)))));
            return accounts;
        });
    }

    @Override
    public boolean isServiceAccount(DirectoryAccount account) {
        String bindDn = controllers.settings(account.organizationKey()).bindDn();
        return bindDn.equalsIgnoreCase(account.distinguishedName())
                || (!account.userPrincipalName().isEmpty() && bindDn.equalsIgnoreCase(account.userPrincipalName()));
    }

    @Override
    public PasswordChange setPassword(DirectoryAccount account, Secret password, io.rotabot.directory.ResetOptions options) {
        AdConnectionProperties.Connection settings = controllers.settings(account.organizationKey());
        byte[] value = password.asQuotedUtf16Le();
        ModifyRequest reset = new ModifyRequest(account.distinguishedName(),
                new Modification(ModificationType.REPLACE, "unicodePwd", value));
        if (settings.honorPasswordHistory()) {
            reset.addControl(new Control(POLICY_HINTS, true, new ASN1OctetString(new ASN1Sequence(new ASN1Integer(1)).encode())));
        }
        try {
            boolean verified = controllers.resetAndVerify(account.organizationKey(), reset, account.distinguishedName(), password,
                    isServiceAccount(account));
            log.info("Password of {} set, verified={}", account.distinguishedName(), verified);
            return verified ? PasswordChange.changed("password set and verified by a bind on the same domain controller") : new PasswordChange(Result.NOT_VERIFIED,
                    "the directory accepted the new password but a bind with it failed");
        } catch (LDAPException e) {
            return refusal(e, account, isServiceAccount(account));
        } finally {
            Arrays.fill(value, (byte) 0);
        }
    }

    @Override
    public io.rotabot.directory.AccountUnlock unlock(DirectoryAccount account) {
        throw new UnsupportedOperationException("TODO unlock");
    }

    @Override
    public boolean accepts(DirectoryAccount account, Secret password) {
        return controllers.binds(account.organizationKey(), account.distinguishedName(), password);
    }

    @Override
    public DirectoryPasswordPolicy passwordPolicy(String organizationKey) {
        return directory(organizationKey, "Reading the domain's password policy", connection -> {
            Domain domain = domain(organizationKey, connection);
            return new DirectoryPasswordPolicy(domain.minimumPasswordLength(), domain.complexity());
        });
    }

    @Override
    public MinimumPasswordAge minimumPasswordAge(DirectoryAccount account) {
        return directory(account.organizationKey(), "Reading the password age of " + account.distinguishedName(), connection -> {
            SearchResultEntry entry = connection.getEntry(account.distinguishedName(), "pwdLastSet", "msDS-ResultantPSO");
            if (entry == null) {
                throw new LDAPException(ResultCode.NO_SUCH_OBJECT, "the account " + account.distinguishedName() + " no longer exists");
            }
            Optional<Instant> lastSet = fileTime(entry.getAttributeValueAsLong("pwdLastSet"));
            String pso = entry.getAttributeValue("msDS-ResultantPSO");
            if (pso != null) {
                SearchResultEntry settings = connection.getEntry(pso, "msDS-MinimumPasswordAge", "cn");
                if (settings != null && settings.hasAttribute("msDS-MinimumPasswordAge")) {
                    return new MinimumPasswordAge(Domain.interval(settings.getAttributeValueAsLong("msDS-MinimumPasswordAge")),
                            "password settings object " + settings.getAttributeValue("cn"), lastSet);
                }
            }
            return new MinimumPasswordAge(domain(account.organizationKey(), connection).minimumPasswordAge(),
                    "domain policy", lastSet);
        });
    }

    @Override
    public List<Diagnosis> diagnose(String organizationKey) {
        AdConnectionProperties.Connection settings = controllers.settings(organizationKey);
        String bindPassword = controllers.bindPassword(organizationKey);
        return settings.urls().stream().map(url -> new LdapsDiagnostics(organizationKey, settings, bindPassword, url).run()).toList();
    }

    private Optional<DirectoryAccount> searchOne(String organizationKey, Filter filter) {
        return directory(organizationKey, "Search", connection -> {
            Domain domain = domain(organizationKey, connection);
            SearchRequest request = new SearchRequest(controllers.settings(organizationKey).baseDn(), SearchScope.SUB,
                    Filter.createANDFilter(USERS, filter), ACCOUNT_ATTRIBUTES);
            request.setSizeLimit(2);
            SearchResult result;
            try {
                result = connection.search(request);
            } catch (LDAPException e) {
                if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                    return Optional.empty();
                }
                throw e;
            }
            if (result.getEntryCount() != 1) {
                return Optional.empty();
            }
            SearchResultEntry entry = result.getSearchEntries().get(0);
            boolean privileged = connection.search(entry.getDN(), SearchScope.BASE, domain.privilegedFilter(), "1.1")
                    .getEntryCount() > 0;
            return Optional.of(toAccount(organizationKey, domain, entry, privileged));
        });
    }

    private Domain domain(String organizationKey, LDAPConnection connection) throws LDAPException {
        Domain known = domains.get(organizationKey);
        if (known == null) {
            known = Domain.read(connection, controllers.settings(organizationKey).baseDn());
            domains.put(organizationKey, known);
        }
        return known;
    }

    private <T> T directory(String organizationKey, String what, DomainControllers.LdapWork<T> work) {
        try {
            return controllers.withService(organizationKey, work);
        } catch (LDAPException e) {
            throw new DirectoryUnavailableException(what + " in " + organizationKey + "'s directory failed: "
                    + DomainControllers.describe(e), e);
        }
    }

    private static void pages(LDAPConnection connection, SearchRequest request,
                              java.util.function.Consumer<SearchResultEntry> each) throws LDAPException {
        ASN1OctetString cookie = null;
        do {
            request.setControls(new SimplePagedResultsControl(PAGE_SIZE, cookie, true));
            SearchResult page = connection.search(request);
            page.getSearchEntries().forEach(each);
            SimplePagedResultsControl paging = SimplePagedResultsControl.get(page);
            cookie = paging == null ? null : paging.getCookie();
        } while (cookie != null && cookie.getValueLength() > 0);
    }

    private static DirectoryAccount toAccount(String organizationKey, Domain domain, SearchResultEntry entry, boolean privileged) {
        Integer control = entry.getAttributeValueAsInteger("userAccountControl");
        return new DirectoryAccount(organizationKey, DirectoryAccount.Source.ACTIVE_DIRECTORY,
                AdGuid.toText(entry.getAttributeValueBytes("objectGUID")), entry.getDN(), text(entry, "sAMAccountName"),
                text(entry, "userPrincipalName"), text(entry, "mail"), text(entry, "displayName"), domain.netbiosName(),
                control == null || (control & ACCOUNTDISABLE) == 0, false, false,
                privileged ? DirectoryAccount.Privilege.ADMINISTRATOR : DirectoryAccount.Privilege.NONE, false,
                fileTime(entry.getAttributeValueAsLong("pwdLastSet")));
    }

    private static String text(SearchResultEntry entry, String name) {
        String value = entry.getAttributeValue(name);
        return value == null ? "" : value;
    }

    /** FILETIME (100 ns since 1601); 0 means "must change at next logon", so no time. */
    static Optional<Instant> fileTime(Long value) {
        if (value == null || value <= 0 || value == Long.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond(value / 10_000_000L - FILETIME_EPOCH_OFFSET_SECONDS, (value % 10_000_000L) * 100));
    }

    private static PasswordChange refusal(LDAPException e, DirectoryAccount account, boolean ownAccount) {
        String diagnostic = e.getDiagnosticMessage() == null ? "" : e.getDiagnosticMessage();
        ResultCode code = e.getResultCode();
        if (code == ResultCode.CONSTRAINT_VIOLATION || code == ResultCode.UNWILLING_TO_PERFORM) {
            return new PasswordChange(Result.REJECTED_BY_POLICY, "the directory's password policy refused the password: "
                    + policyReason(diagnostic));
        }
        if (code == ResultCode.UNAVAILABLE_CRITICAL_EXTENSION) {
            return new PasswordChange(Result.UNSUPPORTED, "the domain controller cannot apply the password history to a reset "
                    + "(it does not support LDAP_SERVER_POLICY_HINTS); turn off honor-password-history for this connection");
        }
        if (code == ResultCode.NO_SUCH_OBJECT) {
            return new PasswordChange(Result.ACCOUNT_GONE, "the account " + account.distinguishedName()
                    + " no longer exists in the directory");
        }
        if (code == ResultCode.INSUFFICIENT_ACCESS_RIGHTS) {
            return new PasswordChange(Result.NOT_PERMITTED, ownAccount
                    ? "the bind account may not reset its own password: delegate it the Reset Password right on its own "
                      + "account or OU (a Domain Admin has it)"
                    : account.privileged()
                    ? "the bind account may not reset the password of the administrator " + account.logonName()
                      + ": administrators are protected by AdminSDHolder; use a bind account that is a Domain Admin"
                    : "the bind account may not reset the password of " + account.distinguishedName()
                      + ": delegate it the Reset Password right on that account's OU");
        }
        throw new DirectoryUnavailableException("Setting the password of " + account.distinguishedName()
                + " failed: " + DomainControllers.describe(e), e);
    }

    /** AD puts the reason after the 0000052D code; Samba after "check_password_restrictions:". */
    static String policyReason(String diagnostic) {
        String reason = diagnostic;
        int marker = reason.indexOf("check_password_restrictions:");
        if (marker >= 0) {
            reason = reason.substring(marker + "check_password_restrictions:".length());
        } else if (reason.startsWith("0000052D")) {
            reason = reason.substring(reason.indexOf(':') + 1);
        }
        reason = reason.strip();
        return reason.isEmpty() ? "no reason given (" + diagnostic + ")" : reason;
    }
}
