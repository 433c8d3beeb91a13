package io.rotabot.ticketing;

import java.util.Optional;

/** The port to the PSA. Outages throw {@link TicketDeskUnavailableException}. */
public interface TicketDesk {

    Optional<Ticket> ticket(long ticketId);

    Optional<Contact> contact(long contactId);

    /** Posts the note and returns its id. */
    long addNote(long ticketId, TicketNote note);
}
