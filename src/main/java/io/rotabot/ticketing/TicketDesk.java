package io.rotabot.ticketing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The port to the PSA. Outages throw {@link TicketDeskUnavailableException}. */
public interface TicketDesk {

    Optional<Ticket> ticket(long ticketId);

    Optional<Contact> contact(long contactId);

    /** Posts the note and returns its id; when the ticket already has this very note (a retry), its id. */
    long addNote(long ticketId, TicketNote note);

    /** Sets the status the PSA is configured to show for this outcome, if one is configured. */
    void markOutcome(long ticketId, boolean rotated);

    /** The tickets created at or after this time, oldest first. */
    List<CreatedTicket> createdSince(Instant since);

    /**
     * The tickets whose creation the PSA could not deliver by webhook and gave up on since this time,
     * as far as the API user may read its error log; empty when it may not.
     */
    List<Long> undeliveredSince(Instant since);

    /** Creates the ticket webhook that calls Rotabot, with its fields, and reports whether the PSA has it active. */
    WebhookRegistration registerWebhook(WebhookRegistration.Request request);
}
