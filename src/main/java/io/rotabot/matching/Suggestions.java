package io.rotabot.matching;

import io.rotabot.directory.DirectoryAccount;
import io.rotabot.vault.VaultRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Suggests, for each directory account of one organization, the vault records whose user name is the
 * account's: {@code DOMAIN\\user} and {@code user@domain} must agree on user and domain (the account's
 * NetBIOS domain, or its UPN), a plain {@code user} agrees with that user in any of the organization's
 * domains. Archived records are not offered. Built from two hash indexes, so it grows linearly.
 */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * @param accountId the directory account
     * @param recordIds the records whose user name is this account's, in the vault's order
     */
    public record Suggestion(String accountId, List<String> recordIds) {

        /** Exactly one candidate: shown green, approvable as it is. */
        public boolean single() {
            return recordIds.size() == 1;
        }
    }

    public static List<Suggestion> suggest(List<DirectoryAccount> accounts, List<VaultRecord> records) {
        Map<LogonName, List<String>> withDomain = new HashMap<>();
        Map<String, List<String>> withoutDomain = new HashMap<>();
        for (VaultRecord record : records) {
            if (record.archived()) {
                continue;
            }
            LogonName.parse(record.username()).ifPresent(name -> {
                if (name.domain().isPresent()) {
                    withDomain.computeIfAbsent(name, n -> new ArrayList<>(1)).add(record.id());
                } else {
                    withoutDomain.computeIfAbsent(name.user(), u -> new ArrayList<>(1)).add(record.id());
                }
            });
        }
        List<Suggestion> suggestions = new ArrayList<>(accounts.size());
        for (DirectoryAccount account : accounts) {
            Set<String> candidates = new LinkedHashSet<>();
            for (LogonName name : names(account)) {
                candidates.addAll(withDomain.getOrDefault(name, List.of()));
                candidates.addAll(withoutDomain.getOrDefault(name.user(), List.of()));
            }
            suggestions.add(new Suggestion(account.id(), List.copyOf(candidates)));
        }
        return suggestions;
    }

    /** The names an account answers to: user in its NetBIOS domain, and its UPN. */
    static List<LogonName> names(DirectoryAccount account) {
        List<LogonName> names = new ArrayList<>(2);
        if (!account.samAccountName().isEmpty() && !account.domain().isEmpty()) {
            names.add(LogonName.of(account.samAccountName(), account.domain()));
        }
        LogonName.parse(account.userPrincipalName()).filter(n -> n.domain().isPresent()).ifPresent(names::add);
        return names;
    }
}
