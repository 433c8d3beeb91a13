package io.rotabot.rotation;

import io.rotabot.directory.ResetOptions;
import java.time.Instant;
import java.util.Optional;

/**
 * One row of the rotation journal. It never carries the password, only whether the journal still holds it.
 *
 * @param id the rotation id
 * @param requestKey what asked for it (a process instance), so a retried request resumes this rotation
 * @param organizationKey the organization
 * @param accountId the directory account's immutable id
 * @param accountName the account's logon name
 * @param vaultRecordId the vault record
 * @param ticketId the ticket that asked for it, if any
 * @param state where the new password has got to
 * @param status what users see
 * @param reason the status in words; names the step that succeeded when a later one did not
 * @param vaultRecordUrl the vault record's link, once the vault confirmed the new revision
 * @param eligibleAt when it runs next: for a rotation waiting for the minimum password age, or the next try
 *                   after an outage ({@code API Error}) or a vault failure ({@code Vault update pending})
 * @param triggeredBy who or what asked for it
 * @param batchId the bulk request it is part of, if any
 * @param policy the password policy the new password was generated under, once generated
 * @param vaultRevision the vault's time of the new revision (IT Glue's password-updated-at), once stored
 * @param resetOptions what the directory reset does besides the password
 * @param follows for a ticket's rotation that found another rotation of the account running: that rotation,
 *                whose outcome the ticket reports instead of rotating twice
 * @param unverified the directory answered "changed" but a bind did not confirm the password; it is stored
 *                   in the vault as the directory's password all the same, since the directory may hold it
 * @param directoryAttempts how many resets were sent to the directory
 * @param failedTries the failed tries of the current step (an outage, a vault that did not take the password)
 * @param createdAt when it began
 * @param updatedAt when it last changed
 */
public record Rotation(String id, String requestKey, String organizationKey, String accountId, String accountName,
                       String vaultRecordId, Optional<Long> ticketId, JournalState state, RotationStatus status,
                       String reason, String vaultRecordUrl, Optional<Instant> eligibleAt, String triggeredBy,
                       Optional<String> batchId, String policy, String vaultRevision, ResetOptions resetOptions,
                       Optional<String> follows, boolean unverified, int directoryAttempts, int failedTries,
                       Instant createdAt, Instant updatedAt) {

    /** Accepted, and not allowed to run before {@link #eligibleAt}. */
    public boolean waiting() {
        return state == JournalState.WAITING && status == RotationStatus.WAITING_FOR_MINIMUM_AGE;
    }

    /**
     * When the rotation goes on by itself, for one that waits — for the minimum password age, for a
     * directory or vault that failed — and empty for one that goes on now or has ended.
     */
    public Optional<Instant> nextAttemptAt() {
        boolean waits = waiting() || status == RotationStatus.API_ERROR || status == RotationStatus.VAULT_UPDATE_PENDING;
        return waits ? eligibleAt : Optional.empty();
    }

    /** The journal still holds the new password (encrypted): a directory may hold it and no vault has it yet. */
    public boolean holdsPassword() {
        return state.holdsPassword();
    }
}
