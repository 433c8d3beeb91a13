package io.rotabot.ticketbot;

/**
 * What a ticket's account unlock did, for the audit trail; no password changed.
 *
 * @param ticketId the ticket that asked for it
 * @param organizationKey the organization
 * @param accountName the account's logon name
 * @param status the outcome's status label
 * @param reason the outcome in words
 */
public record AccountUnlockReported(long ticketId, String organizationKey, String accountName, String status, String reason) {
}
