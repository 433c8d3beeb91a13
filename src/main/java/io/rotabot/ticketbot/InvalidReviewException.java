package io.rotabot.ticketbot;

/** A technician's review that cannot be applied as given; the message says what to change. Nothing was applied. */
public class InvalidReviewException extends IllegalArgumentException {

    public InvalidReviewException(String message) {
        super(message);
    }
}
