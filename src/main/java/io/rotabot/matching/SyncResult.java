package io.rotabot.matching;

/**
 * What one sync of an organization found.
 *
 * @param organizationKey the organization
 * @param accounts accounts in the directory
 * @param records records in the vault
 * @param newAccounts accounts seen for the first time, now Unmatched
 * @param unmatched accounts Unmatched after the sync (Ignored ones are not counted)
 * @param singleSuggestions Unmatched accounts with exactly one suggested record
 * @param invalidated Matched accounts that lost their match: account or record deleted, record archived
 * @param outOfSync Matched pairs Out of sync after the sync: a password changed outside Rotabot since their last rotation
 */
public record SyncResult(String organizationKey, int accounts, int records, int newAccounts, int unmatched,
                         int singleSuggestions, int invalidated, int outOfSync) {
}
