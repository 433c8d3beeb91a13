package io.rotabot.matching;

import io.rotabot.directory.DirectoryAccount;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A directory account as matching sees it.
 *
 * @param organizationKey the organization
 * @param accountId the account's immutable id
 * @param source AD or Entra ID
 * @param logonName the name people know it by
 * @param domain its domain
 * @param displayName its display name
 * @param enabled false when disabled in the directory
 * @param privilege whether it administers the directory
 * @param inDirectory false once the account was deleted from the directory
 * @param state its state
 * @param vaultRecordId the approved record, when Matched
 * @param suggestedRecordIds records whose user name is the account's
 * @param problem why an earlier match no longer holds, if it does not
 * @param decidedAt when a person last moved it
 * @param outOfSync when Matched: the password changes made outside Rotabot since the pair's last rotation, if any
 */
public record Match(String organizationKey, String accountId, DirectoryAccount.Source source, String logonName,
                    String domain, String displayName, boolean enabled, DirectoryAccount.Privilege privilege,
                    boolean inDirectory, MatchState state, Optional<String> vaultRecordId, List<String> suggestedRecordIds,
                    Optional<String> problem, Optional<Instant> decidedAt, Optional<OutOfSync> outOfSync) {

    /** Exactly one suggestion: the green "single match" a person can approve as it is. */
    public boolean singleSuggestion() {
        return suggestedRecordIds.size() == 1;
    }
}
