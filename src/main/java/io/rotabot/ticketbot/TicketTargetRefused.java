package io.rotabot.ticketbot;

/**
 * A ticket named an account outside its company's organization, and the ticket bot refused it; the audit
 * trail keeps who asked for what.
 *
 * @param ticketId the ticket
 * @param organizationKey the ticket company's organization
 * @param reason the refusal in words
 */
public record TicketTargetRefused(long ticketId, String organizationKey, String reason) {
}
