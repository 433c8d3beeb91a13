package io.rotabot.directory;

import io.rotabot.security.Secret;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Service;

/**
 * An organization's directories as one: its Active Directory first, then its Entra ID tenant. A user
 * synced from AD into Entra ID is the AD account; it appears in Entra ID's list only when the
 * organization has no AD connection, and then cannot be rotated (its password is mastered on premises).
 */
@Service("directory")
@Primary
public class Directories implements Directory {

    private final List<DirectoryAdapter> adapters;

    Directories(List<DirectoryAdapter> adapters) {
        this.adapters = adapters.stream().sorted(Comparator.comparing(DirectoryAdapter::source)).toList();
    }

    @Override
    public Set<String> organizations() {
        Set<String> all = new TreeSet<>();
        adapters.forEach(a -> all.addAll(a.organizations()));
        return all;
    }

    @Override
    public Optional<DirectoryAccount> findByEmail(String organizationKey, String email) {
        return first(organizationKey, adapter -> adapter.findByEmail(organizationKey, email));
    }

    @Override
    public Optional<DirectoryAccount> account(String organizationKey, String accountId) {
        return first(organizationKey, adapter -> adapter.account(organizationKey, accountId));
    }

    /** Asks the organization's directories in order (AD first) and takes the first that has the account. */
    private Optional<DirectoryAccount> first(String organizationKey, Function<DirectoryAdapter, Optional<DirectoryAccount>> lookup) {
        for (DirectoryAdapter adapter : serving(organizationKey)) {
            Optional<DirectoryAccount> found = lookup.apply(adapter);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    @Override
    public List<DirectoryAccount> accounts(String organizationKey) {
        List<DirectoryAdapter> serving = serving(organizationKey);
        boolean hasActiveDirectory = serving.stream().anyMatch(a -> a.source() == DirectoryAccount.Source.ACTIVE_DIRECTORY);
        List<DirectoryAccount> accounts = new ArrayList<>();
        for (DirectoryAdapter adapter : serving) {
            adapter.accounts(organizationKey).stream()
                    .filter(a -> !(hasActiveDirectory && a.syncedFromOnPremises()))
                    .forEach(accounts::add);
        }
        return accounts;
    }

    @Override
    public boolean isServiceAccount(DirectoryAccount account) {
        return of(account).isServiceAccount(account);
    }

    @Override
    public PasswordChange setPassword(DirectoryAccount account, Secret password, ResetOptions options) {
        return of(account).setPassword(account, password, options);
    }

    @Override
    public AccountUnlock unlock(DirectoryAccount account) {
        return of(account).unlock(account);
    }

    @Override
    public PasswordCheck holds(DirectoryAccount account, Secret password) {
        return of(account).holds(account, password);
    }

    @Override
    public DirectoryPasswordPolicy passwordPolicy(String organizationKey) {
        return serving(organizationKey).stream().map(a -> a.passwordPolicy(organizationKey))
                .reduce(new DirectoryPasswordPolicy(0, false), DirectoryPasswordPolicy::and);
    }

    @Override
    public MinimumPasswordAge minimumPasswordAge(DirectoryAccount account) {
        return of(account).minimumPasswordAge(account);
    }

    @Override
    public List<Diagnosis> diagnose(String organizationKey) {
        return serving(organizationKey).stream().flatMap(a -> a.diagnose(organizationKey).stream()).toList();
    }

    private List<DirectoryAdapter> serving(String organizationKey) {
        List<DirectoryAdapter> serving = adapters.stream().filter(a -> a.serves(organizationKey)).toList();
        if (serving.isEmpty()) {
            throw new DirectoryUnavailableException("Organization " + organizationKey + " has no directory connection "
                    + "(rotabot.directory.connections." + organizationKey + " or rotabot.entra.connections." + organizationKey + ")", null);
        }
        return serving;
    }

    private DirectoryAdapter of(DirectoryAccount account) {
        return adapters.stream().filter(a -> a.source() == account.source()).findFirst()
                .orElseThrow(() -> new IllegalStateException("No adapter for " + account.source()));
    }
}
