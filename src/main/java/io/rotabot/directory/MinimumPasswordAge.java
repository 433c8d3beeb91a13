package io.rotabot.directory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How soon an account's password may change again under its directory's policy. An administrator's
 * reset is not bound by it; Rotabot honours it when its settings ask to.
 *
 * @param minimumAge the effective minimum age (the account's fine-grained policy, else the domain's)
 * @param source where it comes from: the domain policy or the name of a password settings object
 * @param passwordLastSet when the password was last set, if known
 */
public record MinimumPasswordAge(Duration minimumAge, String source, Optional<Instant> passwordLastSet) {

    /** The first moment a change respects the minimum age. */
    public Instant earliestChange() {
        return passwordLastSet.map(set -> set.plus(minimumAge)).orElse(Instant.EPOCH);
    }

    public boolean allowsChangeAt(Instant moment) {
        return !moment.isBefore(earliestChange());
    }
}
