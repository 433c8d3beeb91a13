package io.rotabot.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.rotabot.directory.DirectoryAccount;
import io.rotabot.vault.VaultRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which password changes after a pair's last rotation are drift, and which are Rotabot's own or clock skew. */
class DriftTest {

    private static final Instant ROTATED = Instant.parse("2026-11-30T10:00:00Z");
    private static final OffsetDateTime WRITTEN = OffsetDateTime.parse("2026-11-30T09:59:58.000Z");
    private static final Duration SKEW = Duration.ofMinutes(5);

    @Test
    void aDirectoryChangeWithinTheClockSkewOfTheRotationIsRotabotsOwn() {
        assertThat(Drift.judge(account(ROTATED.plusSeconds(299)), record(WRITTEN), last(false), SKEW)).isEmpty();
    }

    @Test
    void aDirectoryChangeLaterThanTheSkewIsDrift() {
        Instant changed = ROTATED.plus(Duration.ofHours(3));

        Optional<OutOfSync> drift = Drift.judge(account(changed), record(WRITTEN), last(false), SKEW);

        assertThat(drift).contains(new OutOfSync(Optional.of(changed), Optional.empty()));
        assertThat(drift.get().reason())
                .isEqualTo("password changed in the directory on 2026-11-30 13:00 UTC outside Rotabot; rotate to reconcile");
    }

    @Test
    void aDirectoryTimeIsKeptAsPreciselyAsTheDatabaseKeepsItSoTheNextSyncFindsTheSameDrift() {
        Instant changed = ROTATED.plus(Duration.ofHours(3)).plusNanos(123_456_700); // AD's FILETIME counts 100 ns

        assertThat(Drift.judge(account(changed), record(WRITTEN), last(false), SKEW).flatMap(OutOfSync::directoryChangedAt))
                .contains(ROTATED.plus(Duration.ofHours(3)).plusNanos(123_456_000));
    }

    @Test
    void anyVaultRevisionAfterRotabotsOwnIsDriftSinceBothAreTheVaultsClock() {
        OffsetDateTime later = WRITTEN.plusSeconds(30);

        assertThat(Drift.judge(account(ROTATED), record(later), last(false), SKEW))
                .contains(new OutOfSync(Optional.empty(), Optional.of(later.toInstant())));
        assertThat(Drift.judge(account(ROTATED), record(WRITTEN), last(false), SKEW)).isEmpty();
    }

    @Test
    void withoutRotabotsRevisionTheVaultIsComparedWithTheRotationsEndAndTheSkew() {
        var unknownRevision = new RotationHistory.LastRotation("r1", ROTATED, Optional.empty(), false, false);

        assertThat(Drift.judge(account(ROTATED), record(WRITTEN.plusMinutes(4)), unknownRevision, SKEW)).isEmpty();
        assertThat(Drift.judge(account(ROTATED), record(WRITTEN.plusHours(1)), unknownRevision, SKEW)).isPresent();
    }

    @Test
    void bothSidesAreNamedWhenBothChanged() {
        Optional<OutOfSync> drift = Drift.judge(account(ROTATED.plus(Duration.ofDays(1))), record(WRITTEN.plusDays(2)),
                last(false), SKEW);

        assertThat(drift.get().reason()).isEqualTo("password changed in the directory on 2026-12-01 10:00 UTC and in the vault "
                + "on 2026-12-02 09:59 UTC outside Rotabot; rotate to reconcile");
    }

    @Test
    void aPersonWhoWasAskedToChooseANewPasswordAtTheNextSignInIsNoDrift() {
        assertThat(Drift.judge(account(ROTATED.plus(Duration.ofDays(1))), record(WRITTEN), last(true), SKEW)).isEmpty();
    }

    @Test
    void aPairLastRotatedIntoAnotherRecordOrWithoutAPasswordTimeIsNotJudged() {
        var otherRecord = new RotationHistory.LastRotation("r0", ROTATED, Optional.of(WRITTEN), false, false);

        assertThat(Drift.judge(account(ROTATED.plus(Duration.ofDays(1))), record(WRITTEN.plusDays(1)), otherRecord, SKEW))
                .isEmpty();
        assertThat(Drift.judge(account(null), record(null), last(false), SKEW)).isEmpty();
    }

    private static RotationHistory.LastRotation last(boolean mustChangeAtNextLogon) {
        return new RotationHistory.LastRotation("r1", ROTATED, Optional.of(WRITTEN), mustChangeAtNextLogon, false);
    }

    private static DirectoryAccount account(Instant passwordLastSet) {
        return new DirectoryAccount("acme", DirectoryAccount.Source.ACTIVE_DIRECTORY, "guid-1", "CN=Jane,DC=acme,DC=test",
                "jane", "jane@acme.test", "jane@acme.test", "Jane", "ACME", true, false, false,
                DirectoryAccount.Privilege.NONE, false, Optional.ofNullable(passwordLastSet));
    }

    private static VaultRecord record(OffsetDateTime passwordUpdatedAt) {
        return new VaultRecord("r1", 3821001, "jane (AD)", "jane@acme.test", "", "Active Directory",
                "https://msp.itglue.com/3821001/passwords/r1", false, false, Optional.ofNullable(passwordUpdatedAt),
                Optional.of(OffsetDateTime.of(2026, 11, 30, 10, 0, 0, 0, ZoneOffset.UTC)));
    }
}
