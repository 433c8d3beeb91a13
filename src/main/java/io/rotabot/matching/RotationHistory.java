package io.rotabot.matching;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * What the rotation journal knows of an organization's accounts, as far as drift needs it. Matching asks;
 * the rotation feature answers, so matching depends on no rotation type.
 */
public interface RotationHistory {

    /**
     * The last successful rotation of each account of the organization that Rotabot ever rotated
     * successfully, by account id.
     */
    Map<String, LastRotation> lastRotations(String organizationKey);

    /**
     * An account's last successful rotation.
     *
     * @param vaultRecordId the record it was stored in
     * @param finishedAt when the journal marked it done (Rotabot's clock), after directory and vault had it
     * @param vaultRevision the vault's time of the revision Rotabot wrote (IT Glue's {@code password-updated-at}),
     *                      if the vault gave one
     * @param mustChangeAtNextLogon the reset asked the person to choose a new password at the next sign-in
     * @param rotatingAgain a later rotation of the account may have set a password the journal has not
     *                      finished with (from its journal entry on, until it is done or abandoned)
     */
    record LastRotation(String vaultRecordId, Instant finishedAt, Optional<OffsetDateTime> vaultRevision,
                        boolean mustChangeAtNextLogon, boolean rotatingAgain) {
    }
}
