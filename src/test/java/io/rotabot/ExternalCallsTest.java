package io.rotabot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bound of one vendor call, against the engine's job lock. */
class ExternalCallsTest {

    @Test
    void settingsUnderWhichAStepCouldOutlastTheJobLockStopTheStart() {
        // IT Glue's settings before: four tries, each waiting up to 5 min for the budget, a Retry-After waited up to 2 min
        ExternalCalls.Bounds before = new ExternalCalls.Bounds(4, Duration.ZERO, Duration.ofMinutes(5), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofMinutes(2));

        assertThat(before.worstCase()).isEqualTo(Duration.ofSeconds(4 * (300 + 5 + 30) + 3 * 120));
        assertThatThrownBy(() -> before.requireWithin(Duration.ofMinutes(5), "rotabot.itglue"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("rotabot.itglue: one call can hold its thread 1700 s")
                .hasMessageContaining("so a step's 3 calls 5100 s, not below the job lock of 300 s")
                .hasMessageEndingWith("lower them or raise the lock");
    }

    @Test
    void aStepJustBelowTheLockIsAccepted() {
        ExternalCalls.Bounds shipped = new ExternalCalls.Bounds(3, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofSeconds(15));

        assertThatNoException().isThrownBy(() -> shipped.requireWithin(Duration.ofSeconds(466), "rotabot.autotask"));
        assertThatThrownBy(() -> shipped.requireWithin(Duration.ofSeconds(465), "rotabot.autotask"))
                .hasMessageContaining("a step's 3 calls 465 s, not below the job lock of 465 s");
    }
}
