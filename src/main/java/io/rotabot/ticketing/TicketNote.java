package io.rotabot.ticketing;

/**
 * A note for the ticket's helpdesk staff: what Rotabot did, with the link to the vault record.
 * Never a password.
 *
 * @param title a short title
 * @param text plain text
 */
public record TicketNote(String title, String text) {

    /** What the note reports; each has its own template ({@code rotabot.ticket-notes.templates.*}). */
    public enum Outcome {
        /** The password was reset, verified and stored in the vault. */
        ROTATED(true),
        /** The rotation waits for the directory's minimum password age. */
        WAITING(false),
        /** The settings, the match or the directory's rights do not allow it. */
        NOT_PERMITTED(true),
        /** The ticket bot refuses it: ticket resets off, the account disabled or expired, or another organization's. */
        REFUSED(true),
        /** It was tried and did not work. */
        FAILED(true),
        /** No account for the requester (unknown company, no contact e-mail, no such account). */
        NOT_FOUND(true),
        /** The account exists, but no approved match to a vault record yet. */
        NOT_MATCHED(true),
        /** The account was unlocked; its password was not changed. */
        UNLOCKED(true),
        /** A technician reviews the request before Rotabot acts. */
        REVIEW(false),
        /** A technician declined the request, with a reason. */
        DECLINED(true),
        /** Nobody reviewed the request in time. */
        NOT_REVIEWED(true);

        private final boolean last;

        Outcome(boolean last) {
            this.last = last;
        }

        /** Whether this is the ticket's last word from Rotabot (a waiting rotation reports again when it ends). */
        public boolean last() {
            return last;
        }
    }
}
