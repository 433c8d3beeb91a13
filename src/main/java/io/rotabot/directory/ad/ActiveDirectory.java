package io.rotabot.directory.ad;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.rotabot.directory.Directory;
import io.rotabot.directory.DirectoryAccount;
import io.rotabot.directory.DirectoryUnavailableException;
import io.rotabot.directory.PasswordChange;
import io.rotabot.directory.PasswordChange.Result;
import io.rotabot.security.Secret;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** Active Directory over LDAPS or StartTLS: administrator resets through {@code unicodePwd}. */
@Component
@EnableConfigurationProperties(AdConnectionProperties.class)
class ActiveDirectory implements Directory {

    private static final Logger log = LoggerFactory.getLogger(ActiveDirectory.class);
    private static final String[] ACCOUNT_ATTRIBUTES = {
        "objectGUID", "sAMAccountName", "userPrincipalName", "mail", "displayName"};
    private static final Filter USERS = Filter.createANDFilter(
            Filter.createEqualityFilter("objectClass", "user"),
            Filter.createNOTFilter(Filter.createEqualityFilter("objectClass", "computer")));

    private final DomainControllers controllers;

    ActiveDirectory(DomainControllers controllers) {
        this.controllers = controllers;
    }

    @Override
    public Optional<DirectoryAccount> findByEmail(String organizationKey, String email) {
        Filter byAddress = Filter.createORFilter(
                Filter.createEqualityFilter("mail", email),
                Filter.createEqualityFilter("userPrincipalName", email));
        return searchOne(organizationKey, byAddress);
    }

    @Override
    public Optional<DirectoryAccount> account(String organizationKey, String accountId) {
        return searchOne(organizationKey, Filter.createEqualityFilter("objectGUID", AdGuid.toBytes(accountId)));
    }

    @Override
    public PasswordChange setPassword(DirectoryAccount account, Secret password) {
        try (DomainControllers.ServiceSession session = controllers.connectAsService(account.organizationKey())) {
            byte[] value = password.asQuotedUtf16Le();
            try {
                session.connection().modify(account.distinguishedName(),
                        new Modification(ModificationType.REPLACE, "unicodePwd", value));
            } finally {
                Arrays.fill(value, (byte) 0);
            }
            // a different DC may not have the change yet: verify where it was made
            boolean verified = session.bindsOnThisServer(account.distinguishedName(), password);
            log.info("Password of {} set on {}, verified={}", account.distinguishedName(), session.server(), verified);
            return verified ? PasswordChange.changed()
                    : new PasswordChange(Result.NOT_VERIFIED, "the directory accepted the new password but a bind with it failed");
        } catch (LDAPException e) {
            return refusal(e, account);
        }
    }

    @Override
    public boolean accepts(DirectoryAccount account, Secret password) {
        return controllers.binds(account.organizationKey(), account.distinguishedName(), password);
    }

    private Optional<DirectoryAccount> searchOne(String organizationKey, Filter filter) {
        try (DomainControllers.ServiceSession session = controllers.connectAsService(organizationKey)) {
            SearchRequest request = new SearchRequest(controllers.baseDn(organizationKey), SearchScope.SUB,
                    Filter.createANDFilter(USERS, filter), ACCOUNT_ATTRIBUTES);
            request.setSizeLimit(2);
            SearchResult result = session.connection().search(request);
            if (result.getEntryCount() != 1) {
                return Optional.empty();
            }
            return Optional.of(toAccount(organizationKey, result.getSearchEntries().get(0)));
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                return Optional.empty();
            }
            throw new DirectoryUnavailableException("Search in " + organizationKey + "'s directory failed: "
                    + DomainControllers.describe(e), e);
        }
    }

    private static DirectoryAccount toAccount(String organizationKey, SearchResultEntry entry) {
        return new DirectoryAccount(organizationKey, AdGuid.toText(entry.getAttributeValueBytes("objectGUID")),
                entry.getDN(), text(entry, "sAMAccountName"), text(entry, "userPrincipalName"),
                text(entry, "mail"), text(entry, "displayName"));
    }

    private static String text(SearchResultEntry entry, String name) {
        Attribute attribute = entry.getAttribute(name);
        return attribute == null || attribute.getValue() == null ? "" : attribute.getValue();
    }

    private static PasswordChange refusal(LDAPException e, DirectoryAccount account) {
        String diagnostic = e.getDiagnosticMessage() == null ? "" : e.getDiagnosticMessage();
        ResultCode code = e.getResultCode();
        if (code == ResultCode.CONSTRAINT_VIOLATION || code == ResultCode.UNWILLING_TO_PERFORM) {
            return new PasswordChange(Result.REJECTED_BY_POLICY, "the directory's password policy refused the password: "
                    + policyReason(diagnostic));
        }
        if (code == ResultCode.NO_SUCH_OBJECT) {
            return new PasswordChange(Result.ACCOUNT_GONE, "the account " + account.distinguishedName()
                    + " no longer exists in the directory");
        }
        if (code == ResultCode.INSUFFICIENT_ACCESS_RIGHTS) {
            return new PasswordChange(Result.NOT_PERMITTED, "the bind account may not reset the password of "
                    + account.distinguishedName() + ": delegate it the Reset Password right on that account's OU");
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
