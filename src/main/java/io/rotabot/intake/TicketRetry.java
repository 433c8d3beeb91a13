package io.rotabot.intake;

import java.util.List;

/**
 * What retrying a ticket's process found and did.
 *
 * @param ticketId the Autotask ticket
 * @param result whether steps were retried, or why none were
 * @param steps the ids of the process steps that got their retries back (e.g. {@code fetchTicket}); empty unless retried
 * @param detail one sentence for a technician: what was retried, or what state the process is in
 */
public record TicketRetry(long ticketId, Result result, List<String> steps, String detail) {

    public TicketRetry {
        steps = List.copyOf(steps);
    }

    /** How a retry ended. */
    public enum Result {
        /** Steps that had used up their retries run again. */
        RETRIED,
        /** The ticket's process is running with retries left, or has ended: nothing was changed. */
        NOTHING_TO_RETRY,
        /** Rotabot never started a process for the ticket. */
        NO_PROCESS
    }
}
