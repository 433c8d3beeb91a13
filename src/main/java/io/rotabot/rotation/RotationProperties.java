package io.rotabot.rotation;

import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code rotabot.rotation.*}: how a rotation that met an outage or a vault that did not take its password
 * tries again. The pause doubles from {@code firstRetry} with each failed try of the same step, up to
 * {@code maxRetry}, and the tries never stop by themselves: a password a directory holds is never left
 * without a next try. With the defaults (1 min, 6 h) the tries come after 1, 2, 4 … 256 minutes, then
 * every 6 hours — about 14 tries the first day, 4 a day after that.
 *
 * @param firstRetry the pause after the first failed try
 * @param maxRetry the longest pause
 */
@ConfigurationProperties("rotabot.rotation")
record RotationProperties(@DefaultValue("1m") Duration firstRetry, @DefaultValue("6h") Duration maxRetry) {

    /** When to try again after {@code failedTries} failed tries (1 for the first failure) counted from now. */
    Instant nextTry(int failedTries) {
        int doublings = Math.max(0, Math.min(failedTries - 1, 30));
        Duration pause = firstRetry.multipliedBy(1L << doublings);
        return Instant.now().plus(pause.compareTo(maxRetry) > 0 ? maxRetry : pause);
    }
}
