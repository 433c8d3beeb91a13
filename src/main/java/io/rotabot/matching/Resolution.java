package io.rotabot.matching;

/**
 * Whose password a ticket's requester may have reset: their directory account and its approved vault record.
 *
 * @param outcome whether a matched pair was found, and if not, why
 * @param reason the outcome in words for the ticket note
 * @param organizationKey the organization, when known
 * @param accountId the directory account's immutable id, when found
 * @param accountName the account's logon name, when found
 * @param vaultRecordId the approved vault record, when matched
 */
public record Resolution(Outcome outcome, String reason, String organizationKey, String accountId, String accountName,
                         String vaultRecordId) {

    public enum Outcome {
        MATCHED,
        UNKNOWN_COMPANY,
        NO_REQUESTER,
        NO_ACCOUNT,
        NOT_MATCHED
    }

    static Resolution failed(Outcome outcome, String reason) {
        return new Resolution(outcome, reason, "", "", "", "");
    }

    public boolean matched() {
        return outcome == Outcome.MATCHED;
    }
}
