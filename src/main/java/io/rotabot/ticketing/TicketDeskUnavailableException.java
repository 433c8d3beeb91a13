package io.rotabot.ticketing;

/** The PSA did not answer or refused our API user: try again later. */
public class TicketDeskUnavailableException extends RuntimeException {

    public TicketDeskUnavailableException(String diagnosis, Throwable cause) {
        super(diagnosis, cause);
    }
}
