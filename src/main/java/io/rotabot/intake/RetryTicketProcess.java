package io.rotabot.intake;

/**
 * Retries a ticket's one process where it stopped: every step that used up its retries (an incident in
 * Cockpit) gets them back and runs again at once. No second process is ever started for the ticket.
 * Implemented by the workflow glue, which knows the engine.
 */
public interface RetryTicketProcess {

    /**
     * Retries the stopped steps of the ticket's process, its called scenarios included.
     *
     * @param ticketId the Autotask ticket
     * @return what was found and done; an unknown ticket or a process with nothing to retry is an answer, not an error
     */
    TicketRetry retry(long ticketId);
}
