package io.rotabot.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When the schedule tries a pair again: by the frequency after a success, doubling after each failure, capped. */
class ScheduleBackoffTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Instant FAILED = Instant.parse("2026-11-30T10:00:00Z");

    @Test
    void aPairNeverRotatedIsDueNowAndARotatedOneAfterTheFrequency() {
        Instant success = Instant.parse("2026-11-01T00:00:00Z");

        assertThat(ScheduledRotations.dueAt(WEEK, HOUR, Optional.empty(), Optional.empty())).isEmpty();
        assertThat(ScheduledRotations.dueAt(WEEK, HOUR, Optional.of(success), Optional.empty())).contains(success.plus(WEEK));
    }

    @Test
    void eachFailureInARowDoublesTheWaitFromTheSchedulesStep() {
        assertThat(ScheduledRotations.dueAt(WEEK, HOUR, Optional.empty(), failures(1))).contains(FAILED.plus(HOUR));
        assertThat(ScheduledRotations.dueAt(WEEK, HOUR, Optional.empty(), failures(2))).contains(FAILED.plus(Duration.ofHours(2)));
        assertThat(ScheduledRotations.dueAt(WEEK, HOUR, Optional.empty(), failures(5))).contains(FAILED.plus(Duration.ofHours(16)));
    }

    @Test
    void theWaitNeverExceedsTheFrequency() {
        assertThat(ScheduledRotations.dueAt(WEEK, HOUR, Optional.empty(), failures(9))).contains(FAILED.plus(WEEK));
        assertThat(ScheduledRotations.dueAt(WEEK, HOUR, Optional.empty(), failures(500))).contains(FAILED.plus(WEEK));
    }

    private static Optional<ScheduledRotations.Failures> failures(int count) {
        return Optional.of(new ScheduledRotations.Failures("guid-1", count, FAILED));
    }
}
