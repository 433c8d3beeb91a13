package io.rotabot.ticketbot;

/** Ticket bot settings that cannot be saved; names the field. */
public class InvalidTicketBotSettingsException extends IllegalArgumentException {

    private final String field;

    public InvalidTicketBotSettingsException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
