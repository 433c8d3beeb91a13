package io.rotabot.ticketing;

import java.util.Optional;

/**
 * A PSA ticket, as far as Rotabot reads it.
 *
 * @param id the PSA's ticket id
 * @param number the number people quote (T20250915.0001)
 * @param title the title, as the requester wrote it
 * @param description the description, as the requester wrote it
 * @param companyId the customer company
 * @param contactId the requesting contact, when the ticket has one
 */
public record Ticket(long id, String number, String title, String description, long companyId,
                     Optional<Long> contactId) {
}
