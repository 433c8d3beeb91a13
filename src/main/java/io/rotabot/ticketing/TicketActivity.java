package io.rotabot.ticketing;

import java.time.Instant;

/**
 * A ticket the PSA says was created or changed.
 *
 * @param ticketId the ticket
 * @param lastActivity when it last changed
 */
public record TicketActivity(long ticketId, Instant lastActivity) {
}
