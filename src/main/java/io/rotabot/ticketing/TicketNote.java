package io.rotabot.ticketing;

/**
 * A note for the ticket's helpdesk staff: what Rotabot did, with the link to the vault record.
 * Never a password.
 *
 * @param title a short title
 * @param text plain text
 */
public record TicketNote(String title, String text) {

    private static final String TITLE = "Rotabot: password reset";

    /** The note about a rotation, by its final status (shown as users know it). */
    public static TicketNote about(String account, String statusLabel, String reason, String recordUrl) {
        return "Successful".equals(statusLabel) ? rotated(account, recordUrl) : notRotated(account, statusLabel, reason);
    }

    static TicketNote rotated(String account, String recordUrl) {
        return new TicketNote(TITLE, "The password of " + account + " was reset and verified in the directory."
                + "\nThe new password is stored in the vault: " + recordUrl
                + "\nHand it to the user through a secure channel; it is not written in this ticket.");
    }

    static TicketNote notRotated(String account, String status, String reason) {
        return new TicketNote(TITLE, "The password of " + account + " was not reset (" + status + ")."
                + "\nReason: " + reason + ".\nA technician needs to look at this ticket.");
    }

    public static TicketNote noAccount(String reason) {
        return new TicketNote(TITLE, "Rotabot did not reset any password: " + reason + "."
                + "\nA technician needs to look at this ticket.");
    }
}
