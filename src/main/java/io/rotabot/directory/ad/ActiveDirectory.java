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
import io.rotabot.directory.AccountUnlock;
import io.rotabot.directory.Diagnosis;
import io.rotabot.directory.DirectoryAdapter;
import io.rotabot.directory.DirectoryPasswordPolicy;
import io.rotabot.directory.DirectoryAccount;
import io.rotabot.directory.DirectoryUnavailableException;
import io.rotabot.directory.MinimumPasswordAge;
import io.rotabot.directory.PasswordChange;
import io.rotabot.directory.PasswordChange.Result;
import io.rotabot.directory.PasswordCheck;
import io.rotabot.directory.ResetOptions;
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
    /** The domain controller's own verdict on an account, with lockouts that have run out already cleared; AD only. */
    private static final String COMPUTED_CONTROL = "msDS-User-Account-Control-Computed";
    private static final String[] ACCOUNT_ATTRIBUTES = {"objectGUID", "sAMAccountName", "userPrincipalName", "mail",
        "displayName", "userAccountControl", "pwdLastSet", "lockoutTime", "accountExpires", COMPUTED_CONTROL};
    private static final Filter USERS = Filter.createANDFilter(
            Filter.createEqualityFilter("objectClass", "user"),
            Filter.createNOTFilter(Filter.createEqualityFilter("objectClass", "computer")));
    private static final int ACCOUNTDISABLE = 0x2;
    private static final int LOCKOUT = 0x10;
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
    public PasswordChange setPassword(DirectoryAccount account, Secret password, ResetOptions options) {
        AdConnectionProperties.Connection settings = controllers.settings(account.organizationKey());
        boolean ownAccount = isServiceAccount(account);
        if (ownAccount && options.mustChangeAtNextLogon()) {
            return new PasswordChange(Result.UNSUPPORTED, "the connection's own bind account cannot be made to change its "
                    + "password at the next logon: AD would then refuse its binds (data 773) and Rotabot could not reach the directory");
        }
        byte[] value = password.asQuotedUtf16Le();
        // one modify, which AD applies whole or not at all (measured on Samba): a password the policy refuses
        // leaves the lockout as it was, and a bind account that may reset passwords but not write lockoutTime
        // or pwdLastSet is refused outright instead of leaving a new password on an account still locked
        List<Modification> changes = new ArrayList<>();
        changes.add(new Modification(ModificationType.REPLACE, "unicodePwd", value));
        if (options.unlock()) {
            changes.add(new Modification(ModificationType.REPLACE, "lockoutTime", "0")); // the only value AD lets anyone write
        }
        if (options.mustChangeAtNextLogon()) {
            // after unicodePwd, whose reset sets pwdLastSet to now
            changes.add(new Modification(ModificationType.REPLACE, "pwdLastSet", "0"));
        }
        ModifyRequest reset = new ModifyRequest(account.distinguishedName(), changes);
        if (settings.honorPasswordHistory()) {
            reset.addControl(new Control(POLICY_HINTS, true, new ASN1OctetString(new ASN1Sequence(new ASN1Integer(1)).encode())));
        }
        try {
            PasswordChange change = verdict(controllers.resetAndVerify(account.organizationKey(), reset,
                    account.distinguishedName(), password, ownAccount), options);
            log.info("Password of {} set: {}", account.distinguishedName(), change.result());
            return change;
        } catch (LDAPException e) {
            return refusal(e, account, ownAccount, options);
        } finally {
            Arrays.fill(value, (byte) 0);
        }
    }

    /**
     * What the bind with the new password right after the reset says about it. AD checks the password
     * before it refuses a sign-in for most other reasons, so those refusals prove it (see {@link BindRefusal});
     * a lockout is reported whatever the password, so it proves nothing.
     */
    private static PasswordChange verdict(Optional<BindRefusal> bind, ResetOptions options) {
        String set = options.unlock() ? "password set and any lockout ended" : "password set";
        if (bind.isEmpty()) {
            return PasswordChange.changed(set + ", and verified by a bind on the same domain controller");
        }
        BindRefusal refusal = bind.get();
        if (refusal.mustChangePassword() && options.mustChangeAtNextLogon()) {
            return PasswordChange.changed(set + ", and proven on the same domain controller, which checked it and asks "
                    + "for a new one at the next logon as requested (AD data 773)");
        }
        if (refusal.provesPassword()) {
            return PasswordChange.changed(set + ", and proven on the same domain controller, which checked it but refused "
                    + "the sign-in: " + refusal.reason("the account"));
        }
        if (refusal.lockedOut()) {
            return new PasswordChange(Result.NOT_VERIFIED, "the directory accepted the new password but the account is "
                    + "locked out (AD data 775): no bind can prove the password and nobody can sign in with it until the "
                    + "lockout ends" + (options.unlock() ? "" : "; a reset that also unlocks the account ends it"));
        }
        return new PasswordChange(Result.NOT_VERIFIED, "the directory accepted the new password but a bind with it failed: "
                + refusal.reason("the account"));
    }

    /** Replaces lockoutTime with 0, the only value AD lets anyone write; the password stays as it is. */
    @Override
    public AccountUnlock unlock(DirectoryAccount account) {
        String dn = account.distinguishedName();
        return directory(account.organizationKey(), "Unlocking " + dn, connection -> {
            Domain domain = domain(account.organizationKey(), connection);
            SearchResultEntry entry = connection.getEntry(dn, "lockoutTime", COMPUTED_CONTROL);
            if (entry == null) {
                return new AccountUnlock(AccountUnlock.Result.ACCOUNT_GONE, "the account " + dn + " no longer exists in the directory");
            }
            if (!lockedOut(entry, domain, Instant.now())) {
                return new AccountUnlock(AccountUnlock.Result.WAS_NOT_LOCKED, account.logonName() + " was not locked out");
            }
            try {
                connection.modify(dn, new Modification(ModificationType.REPLACE, "lockoutTime", "0"));
            } catch (LDAPException e) {
                ModifyRefusal refusal = ModifyRefusal.of(e);
                if (refusal.outage()) {
                    throw e;
                }
                if (refusal.result() == ResultCode.INSUFFICIENT_ACCESS_RIGHTS) {
                    return new AccountUnlock(AccountUnlock.Result.NOT_PERMITTED, (account.privileged()
                            ? "the bind account may not unlock the administrator " + account.logonName() + ": administrators "
                              + "are protected by AdminSDHolder; use a bind account that is a Domain Admin"
                            : "the bind account may not unlock " + dn + ": delegate it write access to lockoutTime on that "
                              + "account's OU") + " " + refusal.codes());
                }
                if (refusal.result() == ResultCode.NO_SUCH_OBJECT) {
                    return new AccountUnlock(AccountUnlock.Result.ACCOUNT_GONE, "the account " + dn + " no longer exists in the directory");
                }
                return new AccountUnlock(AccountUnlock.Result.UNSUPPORTED, "the domain controller refused to end the lockout of "
                        + dn + ": " + refusal.unexplained());
            }
            log.info("Lockout of {} ended", dn);
            return new AccountUnlock(AccountUnlock.Result.UNLOCKED, "the lockout of " + account.logonName()
                    + " ended; its password is unchanged");
        });
    }

    @Override
    public PasswordCheck holds(DirectoryAccount account, Secret password) {
        return controllers.holds(account.organizationKey(), account.distinguishedName(), password, isServiceAccount(account));
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
        Instant now = Instant.now();
        return new DirectoryAccount(organizationKey, DirectoryAccount.Source.ACTIVE_DIRECTORY,
                AdGuid.toText(entry.getAttributeValueBytes("objectGUID")), entry.getDN(), text(entry, "sAMAccountName"),
                text(entry, "userPrincipalName"), text(entry, "mail"), text(entry, "displayName"), domain.netbiosName(),
                control == null || (control & ACCOUNTDISABLE) == 0, lockedOut(entry, domain, now),
                // accountExpires 0 and 0x7FFFFFFFFFFFFFFF both mean never, which fileTime reads as no time
                fileTime(entry.getAttributeValueAsLong("accountExpires")).filter(expires -> !expires.isAfter(now)).isPresent(),
                privileged ? DirectoryAccount.Privilege.ADMINISTRATOR : DirectoryAccount.Privilege.NONE, false,
                fileTime(entry.getAttributeValueAsLong("pwdLastSet")));
    }

    /**
     * The domain controller's verdict where it offers one (it also knows lockout durations of fine-grained
     * password settings), else lockoutTime against the domain's lockout duration: AD clears lockoutTime
     * only at the next sign-in, so a lockout that ran out still shows a time.
     */
    private static boolean lockedOut(SearchResultEntry entry, Domain domain, Instant now) {
        Integer computed = entry.getAttributeValueAsInteger(COMPUTED_CONTROL);
        if (computed != null) {
            return (computed & LOCKOUT) != 0;
        }
        return domain.lockedOut(fileTime(entry.getAttributeValueAsLong("lockoutTime")), now);
    }

    private static String text(SearchResultEntry entry, String name) {
        String value = entry.getAttributeValue(name);
        return value == null ? "" : value;
    }

    /** FILETIME (100 ns since 1601); 0 (pwdLastSet: "must change at next logon"; others: none) and the largest value ("never") are no time. */
    static Optional<Instant> fileTime(Long value) {
        if (value == null || value <= 0 || value == Long.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond(value / 10_000_000L - FILETIME_EPOCH_OFFSET_SECONDS, (value % 10_000_000L) * 100));
    }

    /**
     * The domain controller's answer to a reset in words a technician can act on, AD's codes in brackets after
     * them; no answer at all, or a busy or unavailable server, is an outage instead (see {@link ModifyRefusal}).
     *
     * @throws DirectoryUnavailableException when the domain controller gave no verdict on the reset
     */
    private static PasswordChange refusal(LDAPException e, DirectoryAccount account, boolean ownAccount, ResetOptions options) {
        ModifyRefusal refusal = ModifyRefusal.of(e);
        String dn = account.distinguishedName();
        if (refusal.outage()) {
            throw new DirectoryUnavailableException(refusal.mayHaveApplied()
                    ? "Setting the password of " + dn + " got no answer from the domain controller, which may or may not "
                      + "have set it: " + DomainControllers.describe(e)
                    : "Setting the password of " + dn + " was not done, the domain controller is " + (refusal.result()
                      == ResultCode.BUSY ? "busy" : "unavailable") + ": " + DomainControllers.describe(e), e);
        }
        if (refusal.passwordRestriction()) {
            String reason = refusal.policyReason();
            return new PasswordChange(Result.REJECTED_BY_POLICY, "the domain's password policy refused the password "
                    + "(length, complexity or history)" + (reason.isEmpty() ? "" : ": " + reason) + " " + refusal.codes());
        }
        ResultCode code = refusal.result();
        if (code == ResultCode.UNAVAILABLE_CRITICAL_EXTENSION) {
            return new PasswordChange(Result.UNSUPPORTED, "the domain controller cannot apply the password history to a reset "
                    + "(it does not support LDAP_SERVER_POLICY_HINTS); turn off honor-password-history for this connection "
                    + refusal.codes());
        }
        if (code == ResultCode.NO_SUCH_OBJECT) {
            return new PasswordChange(Result.ACCOUNT_GONE, "the account " + dn + " no longer exists in the directory "
                    + refusal.codes());
        }
        if (code == ResultCode.INSUFFICIENT_ACCESS_RIGHTS) {
            String rights = "the Reset Password right" + alsoWrites(options);
            return new PasswordChange(Result.NOT_PERMITTED, (ownAccount
                    ? "the bind account may not reset its own password: delegate it " + rights + " on its own "
                      + "account or OU (a Domain Admin has it)"
                    : account.privileged()
                    ? "the bind account may not reset the password of the administrator " + account.logonName()
                      + ": administrators are protected by AdminSDHolder; use a bind account that is a Domain Admin"
                    : "the bind account lacks " + rights + " on " + dn + ": delegate it on that account's OU")
                    + " " + refusal.codes());
        }
        if (code == ResultCode.UNWILLING_TO_PERFORM) {
            // 0000001F … problem 5003 (WILL_NOT_PERFORM) is no policy verdict (API-FACTS.md); AD sets unicodePwd only
            // over a connection with 128-bit or better TLS or SASL encryption (MS-ADTS 3.1.1.3.1.5.1 unicodePwd)
            return new PasswordChange(Result.UNSUPPORTED, "the domain controller will not set the password (AD's "
                    + "WILL_NOT_PERFORM, not a verdict of the password policy): AD answers so when the connection does not "
                    + "meet its terms for passwords (LDAPS or StartTLS with at least 128-bit encryption), when the bind "
                    + "account's rights do not allow the change, or on a read-only domain controller. Check that the "
                    + "connection is ldaps:// or StartTLS to a writable domain controller and that the bind account has the "
                    + "Reset Password right on " + dn + " " + refusal.codes());
        }
        return new PasswordChange(Result.UNSUPPORTED, "the domain controller refused the reset of " + dn + ": "
                + refusal.unexplained());
    }

    /** The attributes a reset with these options writes besides the password, which a delegation must also allow. */
    private static String alsoWrites(ResetOptions options) {
        List<String> attributes = new ArrayList<>();
        if (options.unlock()) {
            attributes.add("lockoutTime (to unlock)");
        }
        if (options.mustChangeAtNextLogon()) {
            attributes.add("pwdLastSet (to require a change at the next logon)");
        }
        return attributes.isEmpty() ? "" : " and write access to " + String.join(" and ", attributes);
    }

}
