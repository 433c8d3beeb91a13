package io.rotabot.intake;

/**
 * Published inside the transaction that marks a stored ticket event dispatched, so whatever starts on
 * it commits or rolls back together with the mark.
 *
 * @param eventId the inbox row
 * @param ticketId the Autotask ticket
 * @param action Create, Update or Delete
 */
public record TicketEventReceived(long eventId, long ticketId, String action) {
}
