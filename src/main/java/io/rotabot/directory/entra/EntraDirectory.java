package io.rotabot.directory.entra;

import com.microsoft.graph.models.DirectoryObject;
import com.microsoft.graph.models.DirectoryObjectCollectionResponse;
import com.microsoft.graph.models.DirectoryRole;
import com.microsoft.graph.models.Group;
import com.microsoft.graph.models.PasswordProfile;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.UserCollectionResponse;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.rotabot.VendorText;
import io.rotabot.directory.AccountUnlock;
import io.rotabot.directory.Diagnosis;
import io.rotabot.directory.DirectoryAccount;
import io.rotabot.directory.DirectoryAccount.Privilege;
import io.rotabot.directory.DirectoryAdapter;
import io.rotabot.directory.DirectoryPasswordPolicy;
import io.rotabot.directory.DirectoryUnavailableException;
import io.rotabot.directory.MinimumPasswordAge;
import io.rotabot.directory.PasswordChange;
import io.rotabot.directory.PasswordChange.Result;
import io.rotabot.directory.PasswordCheck;
import io.rotabot.directory.ResetOptions;
import io.rotabot.security.Secret;
import java.time.Duration;
import java.time.Instant;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Entra ID (and so Microsoft 365) users through Microsoft Graph: import with paging, administrators
 * from directory role membership, and the administrator's reset through the user's passwordProfile.
 */
@Component
@EnableConfigurationProperties(EntraConnectionProperties.class)
class EntraDirectory implements DirectoryAdapter {

    private static final Logger log = LoggerFactory.getLogger(EntraDirectory.class);
    private static final String[] USER_FIELDS = {"id", "userPrincipalName", "mail", "displayName", "onPremisesSyncEnabled",
        "accountEnabled", "lastPasswordChangeDateTime"};
    static final String GLOBAL_ADMINISTRATOR_TEMPLATE = "62e90394-69f5-4237-9190-012177145e10";

    /** Enough of a vendor's message to act on; the sentence around it stays whole. */
    private static final int MESSAGE_LENGTH = 400;

    /** Role holders change rarely; single lookups reuse them this long, an import always reads them afresh. */
    private static final Duration ROLES_FRESH = Duration.ofMinutes(5);

    private final GraphTenants tenants;
    private final Map<String, Roles> rolesRead = new java.util.concurrent.ConcurrentHashMap<>();

    EntraDirectory(GraphTenants tenants) {
        this.tenants = tenants;
    }

    private record Roles(Instant read, Map<String, Privilege> holders) {
    }

    private Map<String, Privilege> recentRoles(String organizationKey) {
        Roles known = rolesRead.get(organizationKey);
        if (known != null && known.read().plus(ROLES_FRESH).isAfter(Instant.now())) {
            return known.holders();
        }
        return roles(organizationKey);
    }

    @Override
    public DirectoryAccount.Source source() {
        return DirectoryAccount.Source.ENTRA_ID;
    }

    @Override
    public Set<String> organizations() {
        return tenants.organizations();
    }

    @Override
    public String probe(String organizationKey) {
        graph(organizationKey, "Health check", () -> tenants.graph(organizationKey).users().get(request -> {
            request.queryParameters.select = new String[] {"id"};
            request.queryParameters.top = 1;
        }));
        return "token issued and users readable at " + tenants.settings(organizationKey).graphUrl();
    }

    @Override
    public Optional<DirectoryAccount> findByEmail(String organizationKey, String email) {
        String quoted = "'" + email.replace("'", "''") + "'";
        List<User> found = graph(organizationKey, "Searching users", () -> tenants.graph(organizationKey).users()
                .get(request -> {
                    request.queryParameters.select = USER_FIELDS;
                    request.queryParameters.filter = "mail eq " + quoted + " or userPrincipalName eq " + quoted;
                    request.queryParameters.top = 2;
                }).getValue());
        if (found == null || found.size() != 1) {
            return Optional.empty();
        }
        return Optional.of(toAccount(organizationKey, found.get(0), recentRoles(organizationKey)));
    }

    @Override
    public Optional<DirectoryAccount> account(String organizationKey, String accountId) {
        try {
            User user = tenants.graph(organizationKey).users().byUserId(accountId)
                    .get(request -> request.queryParameters.select = USER_FIELDS);
            return Optional.of(toAccount(organizationKey, user, recentRoles(organizationKey)));
        } catch (ODataError e) {
            if (e.getResponseStatusCode() == 404) {
                return Optional.empty();
            }
            throw unavailable(organizationKey, "Reading user " + accountId, e);
        } catch (RuntimeException e) {
            throw unavailable(organizationKey, "Reading user " + accountId, e);
        }
    }

    @Override
    public List<DirectoryAccount> accounts(String organizationKey) {
        Map<String, Privilege> roles = roles(organizationKey);
        List<DirectoryAccount> accounts = new ArrayList<>();
        GraphServiceClient graph = tenants.graph(organizationKey);
        UserCollectionResponse page = graph(organizationKey, "Reading users", () -> graph.users().get(request -> {
            request.queryParameters.select = USER_FIELDS;
            request.queryParameters.top = 999;
        }));
        while (page != null) {
            page.getValue().forEach(user -> accounts.add(toAccount(organizationKey, user, roles)));
            String next = page.getOdataNextLink();
            page = next == null ? null : graph(organizationKey, "Reading users", () -> graph.users().withUrl(next).get());
        }
        return accounts;
    }

    /** Graph is reached by an app registration, not by a user account. */
    @Override
    public boolean isServiceAccount(DirectoryAccount account) {
        return false;
    }

    @Override
    public PasswordChange setPassword(DirectoryAccount account, Secret password, ResetOptions options) {
        if (account.syncedFromOnPremises()) {
            return new PasswordChange(Result.MASTERED_ON_PREMISES, account.logonName() + " is synced from on-premises "
                    + "Active Directory; its password is set there (connect the organization's AD), never through Graph");
        }
        EntraConnectionProperties.Connection settings = tenants.settings(account.organizationKey());
        PasswordProfile profile = new PasswordProfile();
        profile.setPassword(password.reveal());
        profile.setForceChangePasswordNextSignIn(options.mustChangeAtNextLogon());
        User change = new User();
        change.setPasswordProfile(profile);
        try {
            tenants.graph(account.organizationKey()).users().byUserId(account.id()).patch(change);
            log.info("Password of {} set through Graph", account.logonName());
            return PasswordChange.changed("password set through Microsoft Graph");
        } catch (ODataError e) {
            return refusal(account, settings, e);
        } catch (RuntimeException e) {
            throw unavailable(account.organizationKey(), "Setting the password of " + account.logonName(), e);
        }
    }

    /** Entra ID's smart lockout ends by itself after a while; Graph offers administrators no way to end it sooner. */
    @Override
    public AccountUnlock unlock(DirectoryAccount account) {
        return new AccountUnlock(AccountUnlock.Result.UNSUPPORTED, "Entra ID has no administrator unlock: its smart "
                + "lockout of " + account.logonName() + " ends by itself, after a minute at first and longer after repeated failures");
    }

    /**
     * Graph cannot test a password without the user's own sign-in (which multi-factor and conditional access
     * policies may stop anyway), so whether Entra ID holds a password is never known.
     */
    @Override
    public PasswordCheck holds(DirectoryAccount account, Secret password) {
        return PasswordCheck.UNKNOWN;
    }

    /** Entra ID's cloud policy is fixed: at least 8 characters, three of the four kinds. */
    @Override
    public DirectoryPasswordPolicy passwordPolicy(String organizationKey) {
        return new DirectoryPasswordPolicy(8, true);
    }

    @Override
    public MinimumPasswordAge minimumPasswordAge(DirectoryAccount account) {
        return new MinimumPasswordAge(Duration.ZERO, "Entra ID has no minimum password age", account.passwordLastSet());
    }

    @Override
    public List<Diagnosis> diagnose(String organizationKey) {
        EntraConnectionProperties.Connection settings = tenants.settings(organizationKey);
        List<Diagnosis.Step> steps = new ArrayList<>();
        try {
            UserCollectionResponse one = tenants.graph(organizationKey).users().get(request -> {
                request.queryParameters.select = new String[] {"id"};
                request.queryParameters.top = 1;
            });
            steps.add(new Diagnosis.Step("token and read users", Diagnosis.Outcome.PASSED, "the app got a token for tenant "
                    + settings.tenantId() + " and read " + one.getValue().size() + " user(s)", ""));
            steps.add(new Diagnosis.Step("directory roles", Diagnosis.Outcome.PASSED, roles(organizationKey).size()
                    + " accounts hold directory roles", ""));
        } catch (ODataError e) {
            steps.add(new Diagnosis.Step("token and read users", Diagnosis.Outcome.FAILED, graphError(e),
                    "Grant the app the application permission User.ReadWrite.All with admin consent, and the User "
                    + "Administrator role (Privileged Authentication Administrator to reset administrators)"
                    + (settings.access() == EntraConnectionProperties.Access.MSP_GDAP ? " through the customer's GDAP relationship." : ".")));
        } catch (RuntimeException e) {
            steps.add(new Diagnosis.Step("token and read users", Diagnosis.Outcome.FAILED, rootMessage(e),
                    "Check rotabot.entra.connections." + organizationKey + ".tenant-id, client-id and client-secret "
                    + "(or client-certificate), and that the secret has not expired."));
        }
        return List.of(new Diagnosis(organizationKey, settings.graphUrl() + " (tenant " + settings.tenantId() + ")", steps));
    }

    /**
     * Which users hold a directory role, and whether one of them is Global Administrator; read now. A role
     * held through a role-assignable group ({@code isAssignableToRole}) lists the group among the role's
     * members, not its users, so each such group is expanded through {@code /groups/{id}/transitiveMembers}.
     * Not {@code roleManagement/directory/transitiveRoleAssignments}: that exists in Graph's beta only, which
     * the v1.0 SDK does not reach, and it wants a filter per principal or role plus eventual consistency.
     * Reading a group's members needs GroupMember.Read.All; without it the import fails rather than take
     * the group's administrators for ordinary users.
     */
    private Map<String, Privilege> roles(String organizationKey) {
        GraphServiceClient graph = tenants.graph(organizationKey);
        Map<String, Privilege> privileges = new HashMap<>();
        Map<String, List<String>> groupMembers = new HashMap<>();
        List<DirectoryRole> roles = graph(organizationKey, "Reading directory roles", () -> graph.directoryRoles().get().getValue());
        for (DirectoryRole role : roles) {
            Privilege privilege = GLOBAL_ADMINISTRATOR_TEMPLATE.equals(role.getRoleTemplateId())
                    ? Privilege.GLOBAL_ADMINISTRATOR : Privilege.ADMINISTRATOR;
            DirectoryObjectCollectionResponse members = graph(organizationKey, "Reading role members", () -> graph.directoryRoles()
                    .byDirectoryRoleId(role.getId()).members().get(request -> request.queryParameters.select = new String[] {"id"}));
            while (members != null) {
                for (DirectoryObject member : members.getValue()) {
                    List<String> holders = member instanceof Group
                            ? groupMembers.computeIfAbsent(member.getId(), group -> usersIn(organizationKey, group, role))
                            : List.of(member.getId());
                    holders.forEach(holder -> privileges.merge(holder, privilege, (a, b) -> a.compareTo(b) >= 0 ? a : b));
                }
                String next = members.getOdataNextLink();
                members = next == null ? null : graph(organizationKey, "Reading role members",
                        () -> graph.directoryRoles().byDirectoryRoleId(role.getId()).members().withUrl(next).get());
            }
        }
        rolesRead.put(organizationKey, new Roles(Instant.now(), Map.copyOf(privileges)));
        return privileges;
    }

    /** The ids of the users in a group that holds a role, however deeply nested. */
    private List<String> usersIn(String organizationKey, String groupId, DirectoryRole role) {
        GraphServiceClient graph = tenants.graph(organizationKey);
        String what = "Reading the members of group " + groupId + ", which holds the role " + role.getDisplayName()
                + " (the app needs GroupMember.Read.All)";
        List<String> users = new ArrayList<>();
        UserCollectionResponse page = graph(organizationKey, what, () -> graph.groups().byGroupId(groupId).transitiveMembers()
                .graphUser().get(request -> request.queryParameters.select = new String[] {"id"}));
        while (page != null) {
            page.getValue().forEach(user -> users.add(user.getId()));
            String next = page.getOdataNextLink();
            page = next == null ? null : graph(organizationKey, what,
                    () -> graph.groups().byGroupId(groupId).transitiveMembers().graphUser().withUrl(next).get());
        }
        return users;
    }

    private static DirectoryAccount toAccount(String organizationKey, User user, Map<String, Privilege> roles) {
        String upn = user.getUserPrincipalName() == null ? "" : user.getUserPrincipalName();
        return new DirectoryAccount(organizationKey, DirectoryAccount.Source.ENTRA_ID, user.getId(), "", "", upn,
                user.getMail() == null ? "" : user.getMail(), user.getDisplayName() == null ? "" : user.getDisplayName(),
                upn.contains("@") ? upn.substring(upn.indexOf('@') + 1) : "",
                !Boolean.FALSE.equals(user.getAccountEnabled()), false, false, roles.getOrDefault(user.getId(), Privilege.NONE),
                Boolean.TRUE.equals(user.getOnPremisesSyncEnabled()),
                Optional.ofNullable(user.getLastPasswordChangeDateTime()).map(java.time.OffsetDateTime::toInstant));
    }

    private static PasswordChange refusal(DirectoryAccount account, EntraConnectionProperties.Connection settings, ODataError e) {
        int status = e.getResponseStatusCode();
        if (status == 404) {
            return new PasswordChange(Result.ACCOUNT_GONE, "the user " + account.logonName() + " no longer exists in Entra ID");
        }
        if (status == 403) {
            if (settings.access() == EntraConnectionProperties.Access.MSP_GDAP) {
                return new PasswordChange(Result.TENANT_NOT_PERMITTED, "the MSP's multi-tenant access lacks the role to reset "
                        + account.logonName() + " in tenant " + settings.tenantId() + " (" + graphError(e) + "); add User "
                        + "Administrator (Privileged Authentication Administrator for administrators) to the GDAP relationship");
            }
            return new PasswordChange(Result.NOT_PERMITTED, account.privileged()
                    ? "the app may not reset the administrator " + account.logonName() + " (" + graphError(e)
                      + "); it needs the Privileged Authentication Administrator role"
                    : "the app may not reset " + account.logonName() + " (" + graphError(e)
                      + "); it needs User.ReadWrite.All and the User Administrator role");
        }
        if (status == 400) {
            return new PasswordChange(Result.REJECTED_BY_POLICY, "Entra ID refused the password: " + graphError(e));
        }
        throw new DirectoryUnavailableException("Setting the password of " + account.logonName() + " through Graph failed: "
                + graphError(e), e);
    }

    private static <T> T graph(String organizationKey, String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw unavailable(organizationKey, what, e);
        }
    }

    private static DirectoryUnavailableException unavailable(String organizationKey, String what, RuntimeException e) {
        String reason = e instanceof ODataError error ? graphError(error) : rootMessage(e);
        return new DirectoryUnavailableException(what + " in " + organizationKey + "'s Entra ID failed: " + reason, e);
    }

    /** Graph's status, error code and message, the vendor's text cleaned: it goes into details, exceptions and diagnoses. */
    private static String graphError(ODataError e) {
        String code = e.getError() == null ? null : e.getError().getCode();
        String message = e.getError() == null ? e.getMessage() : e.getError().getMessage();
        return "HTTP " + e.getResponseStatusCode() + (code == null ? "" : " " + VendorText.clean(code, MESSAGE_LENGTH))
                + (message == null ? "" : ": " + VendorText.clean(message, MESSAGE_LENGTH));
    }

    /** The innermost cause's message (the token endpoint's or the network's words), cleaned. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return VendorText.clean(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage(), MESSAGE_LENGTH);
    }
}
