package io.rotabot.ticketing;

import java.util.Optional;

/**
 * A PSA ticket, as far as Rotabot reads it.
 *
 * @param id the PSA's ticket id
 * @param number the number people quote (T20250915.0001)
 * @param title the title, as the requester wrote it
 * @param description the description, as the requester wrote it
 * @param companyId the customer company
 * @param contactId the requesting contact, when the ticket has one
 * @param category how the PSA filed it
 */
public record Ticket(long id, String number, String title, String description, long companyId,
                     Optional<Long> contactId, Category category) {

    /**
     * The PSA's picklist values for the ticket, each null when the ticket has none.
     *
     * @param issueType the issue type
     * @param subIssueType the sub-issue type
     * @param queueId the queue
     * @param source how the ticket came in (e-mail, portal, phone…)
     */
    public record Category(Integer issueType, Integer subIssueType, Integer queueId, Integer source) {

        public static final Category NONE = new Category(null, null, null, null);
    }
}
