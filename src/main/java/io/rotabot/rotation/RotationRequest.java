package io.rotabot.rotation;

import io.rotabot.directory.ResetOptions;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to rotate one matched credential.
 *
 * @param requestKey unique per request; asking again with the same key resumes instead of rotating twice
 * @param organizationKey the organization
 * @param accountId the directory account's immutable id
 * @param vaultRecordId the approved vault record
 * @param ticketId the ticket that asked for it, if any
 * @param triggeredBy who or what asked: "ticket 351181", "api admin", "schedule"
 * @param batchId the bulk request it is part of, if any
 * @param resetOptions what the directory reset does besides the password: a ticket's reset may also end a
 *                     lockout and ask for a change at the next logon; bulk and scheduled ones set the password only
 */
public record RotationRequest(String requestKey, String organizationKey, String accountId, String vaultRecordId,
                              Optional<Long> ticketId, String triggeredBy, Optional<String> batchId,
                              ResetOptions resetOptions) {

    /** The index-th rotation of a bulk request (an API call, a run of the schedule), keyed by both. */
    public static RotationRequest inBatch(String batchId, int index, String organizationKey, String accountId,
                                          String vaultRecordId, String triggeredBy) {
        return new RotationRequest(batchId + "/" + index, organizationKey, accountId, vaultRecordId, Optional.empty(),
                triggeredBy, Optional.of(batchId), ResetOptions.PASSWORD_ONLY);
    }

    /** A request of its own, not part of a bulk request, that sets the password only. */
    public RotationRequest(String requestKey, String organizationKey, String accountId, String vaultRecordId,
                           Optional<Long> ticketId, String triggeredBy) {
        this(requestKey, organizationKey, accountId, vaultRecordId, ticketId, triggeredBy, Optional.empty(),
                ResetOptions.PASSWORD_ONLY);
    }

    public RotationRequest {
        Objects.requireNonNull(requestKey, "requestKey");
        Objects.requireNonNull(organizationKey, "organizationKey");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(vaultRecordId, "vaultRecordId");
        Objects.requireNonNull(triggeredBy, "triggeredBy");
        Objects.requireNonNull(resetOptions, "resetOptions");
        if (requestKey.isBlank() || organizationKey.isBlank() || accountId.isBlank() || vaultRecordId.isBlank()) {
            throw new IllegalArgumentException("A rotation needs a request key, an organization, an account and a vault record");
        }
    }
}
