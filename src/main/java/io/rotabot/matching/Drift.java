package io.rotabot.matching;

import io.rotabot.directory.DirectoryAccount;
import io.rotabot.vault.VaultRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Tells whether a matched pair's password was changed outside Rotabot since its last successful rotation.
 * <ul>
 * <li>Directory: the account's password time ({@code pwdLastSet}, Graph's {@code lastPasswordChangeDateTime})
 * later than the rotation's end by more than the allowed clock skew. The directory stamps it with its own
 * clock and the journal with Rotabot's, so a small difference means nothing: Kerberos already requires
 * a domain's members to be within 5 minutes of its controllers, which is the default. A reset that
 * asked the person to choose a new password at the next sign-in expects a change there: not drift.</li>
 * <li>Vault: the record's {@code password-updated-at} later than the revision Rotabot wrote. Both are
 * the vault's own clock, so any later time is a later write; only when the vault gave no time for
 * Rotabot's write is the rotation's end used, with the same skew.</li>
 * </ul>
 * A pair never rotated by Rotabot, or last rotated into another record, is never Out of sync.
 */
final class Drift {

    private Drift() {
    }

    static Optional<OutOfSync> judge(DirectoryAccount account, VaultRecord record, RotationHistory.LastRotation last,
                                     Duration clockSkew) {
        if (!last.vaultRecordId().equals(record.id())) {
            return Optional.empty();
        }
        Instant latestOwnChange = last.finishedAt().plus(clockSkew);
        Optional<Instant> directory = last.mustChangeAtNextLogon() ? Optional.empty()
                : account.passwordLastSet().filter(set -> set.isAfter(latestOwnChange));
        Optional<Instant> vault = record.passwordUpdatedAt().map(OffsetDateTime::toInstant)
                .filter(updated -> last.vaultRevision()
                        .map(written -> updated.isAfter(written.toInstant()))
                        .orElse(updated.isAfter(latestOwnChange)));
        return directory.isEmpty() && vault.isEmpty() ? Optional.empty()
                : Optional.of(new OutOfSync(directory.map(Drift::asStored), vault.map(Drift::asStored)));
    }

    /** As precisely as the database keeps a time (AD's is 100 ns), so an unchanged drift is equal at the next sync. */
    private static Instant asStored(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }
}
