package io.rotabot.ticketbot;

import java.util.List;
import java.util.Optional;

/**
 * One account a ticket asks for: as the ticket named it, what Rotabot found in the ticket company's
 * organization, what the guards decided, and what came of it. Never a password.
 *
 * @param ticketId the ticket
 * @param position 1, 2, … in the order the ticket named them
 * @param kind the requester's own account, or one the ticket names
 * @param namedAs how the ticket named it (the requester's address for their own), at most 300 characters
 * @param organizationKey the ticket company's organization, when known
 * @param accountId the directory account's immutable id, when exactly one account fits
 * @param accountName its logon name, when found
 * @param privileged whether the directory says it administers something (a Domain Admin, a Global Administrator…)
 * @param candidates the accounts that fit when several do, for a technician to pick one
 * @param vaultRecordId its approved vault record, when matched
 * @param decision what the guards or the technician decided
 * @param reason that decision in words, for the review and the note
 * @param reviewedBy the technician who approved or declined it
 * @param rotationId the rotation that carried it out, if any
 * @param outcomeStatus the outcome's status label ("Successful", "Not Permitted"…), once carried out
 * @param outcomeReason the outcome in words
 * @param vaultRecordUrl the vault record's link, once the vault holds the new password
 */
public record TicketTarget(long ticketId, int position, Kind kind, String namedAs, Optional<String> organizationKey,
                           Optional<String> accountId, String accountName, boolean privileged, List<Candidate> candidates,
                           Optional<String> vaultRecordId, Decision decision, String reason, Optional<String> reviewedBy,
                           Optional<String> rotationId, Optional<String> outcomeStatus, String outcomeReason,
                           String vaultRecordUrl) {

    public enum Kind {
        /** The requesting contact's own account, found by their e-mail address. */
        REQUESTER,
        /** An account the ticket's text names (address, DOMAIN\\user, user name, display name). */
        NAMED
    }

    public enum Decision {
        /** Passed every guard: carried out without a review. */
        ROTATE(true),
        /** Waits for a technician's review. */
        REVIEW(false),
        /** A technician approved it. */
        APPROVED(true),
        /** A technician declined it. */
        DECLINED(false),
        /** Nobody reviewed it in time. */
        NOT_REVIEWED(false),
        /** Not allowed: ticket resets off, the account disabled or expired, or outside the ticket's organization. */
        REFUSED(false),
        /** No account of the organization fits. */
        NOT_FOUND(false),
        /** Found, but not matched to an approved vault record. */
        NOT_MATCHED(false);

        private final boolean runs;

        Decision(boolean runs) {
            this.runs = runs;
        }

        /** Whether the scenario runs for it. */
        public boolean runs() {
            return runs;
        }
    }

    /**
     * An account that fits a name, offered to the technician when several do.
     *
     * @param accountId the account's immutable id
     * @param name its logon name and display name, as a technician recognises it
     */
    public record Candidate(String accountId, String name) {
    }

    /** The name the note and the review show: the account's, else how the ticket named it. */
    public String shownName() {
        if (!accountName.isEmpty()) {
            return accountName;
        }
        if (namedAs.isEmpty()) {
            return kind == Kind.REQUESTER ? "the ticket's requester" : "the account the ticket asks for";
        }
        return "“" + namedAs + "”";
    }
}
