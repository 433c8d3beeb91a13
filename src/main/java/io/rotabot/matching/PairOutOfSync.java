package io.rotabot.matching;

/**
 * Published once when a sync finds a Matched pair's password changed outside Rotabot (in the directory,
 * the vault or both) since its last rotation; not again while it stays so.
 *
 * @param organizationKey the organization
 * @param accountId the directory account
 * @param logonName the account's logon name
 * @param vaultRecordId its matched record
 * @param outOfSync what changed, and when
 */
public record PairOutOfSync(String organizationKey, String accountId, String logonName, String vaultRecordId,
                            OutOfSync outOfSync) {
}
