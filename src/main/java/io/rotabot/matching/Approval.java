package io.rotabot.matching;

import java.util.Optional;

/**
 * A person's approval of one account's match.
 *
 * @param accountId the directory account
 * @param vaultRecordId the record to rotate it into; empty to take the single suggestion
 */
public record Approval(String accountId, Optional<String> vaultRecordId) {
}
