package io.rotabot.ticketing;

import java.util.Optional;

/**
 * A ticket as fetched for one run of the ticket process, with its requester, kept so that the later
 * steps read it from our database instead of spending the PSA's request budget again.
 *
 * @param ticket the ticket
 * @param requesterEmail the requesting contact's e-mail address, when there is an active contact with one
 * @param requesterName the requesting contact's name, empty when unknown
 */
public record TicketSnapshot(Ticket ticket, Optional<String> requesterEmail, String requesterName) {
}
