package io.rotabot.ticketing;

import java.time.Instant;

/**
 * A ticket the PSA says was created.
 *
 * @param ticketId the ticket
 * @param created when
 */
public record CreatedTicket(long ticketId, Instant created) {
}
