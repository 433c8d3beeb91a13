package io.rotabot.rotation;

import io.rotabot.matching.Matches;
import io.rotabot.matching.RotationHistory;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The rotation journal as matching's drift check sees it, and the news that a pair was rotated
 * successfully, which reconciles a pair that was Out of sync.
 */
@Component
class JournalHistory implements RotationHistory {

    private static final Logger log = LoggerFactory.getLogger(JournalHistory.class);

    private final Rotations rotations;
    private final Matches matches;

    /** Matches asks this history while it is built itself, so it comes in lazily. */
    JournalHistory(Rotations rotations, @Lazy Matches matches) {
        this.rotations = rotations;
        this.matches = matches;
    }

    @Override
    public Map<String, LastRotation> lastRotations(String organizationKey) {
        Map<String, Instant> holding = rotations.holdingPasswords(organizationKey);
        Map<String, LastRotation> last = new HashMap<>();
        rotations.lastSuccessful(organizationKey).forEach((accountId, done) -> last.put(accountId, new LastRotation(
                done.vaultRecordId(), done.updatedAt(), revision(done), done.resetOptions().mustChangeAtNextLogon(),
                Optional.ofNullable(holding.get(accountId)).filter(began -> began.isAfter(done.createdAt())).isPresent())));
        return last;
    }

    /**
     * A successful rotation reconciles its pair, once the journal's caller has committed; if matching
     * cannot be told now, its next sync sees the rotation all the same.
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(RotationReported reported) {
        if (reported.status() != RotationStatus.SUCCESSFUL) {
            return;
        }
        try {
            rotations.find(reported.rotationId()).filter(r -> r.state() == JournalState.DONE)
                    .ifPresent(done -> matches.reconciled(done.organizationKey(), done.accountId(), done.vaultRecordId(),
                            done.updatedAt()));
        } catch (RuntimeException e) {
            log.warn("Could not mark the pair of rotation {} reconciled; the next sync will: {}", reported.rotationId(),
                    e.getMessage());
        }
    }

    private static Optional<OffsetDateTime> revision(Rotation done) {
        try {
            return done.vaultRevision().isBlank() ? Optional.empty() : Optional.of(OffsetDateTime.parse(done.vaultRevision()));
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }
}
