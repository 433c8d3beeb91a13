package io.rotabot.matching;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A pair whose password was changed outside Rotabot after its last successful rotation, in the directory,
 * in the vault or in both: the two no longer hold the same password. Rotating the pair reconciles it.
 *
 * @param directoryChangedAt when the directory's password changed outside Rotabot ({@code pwdLastSet},
 *                           Graph's {@code lastPasswordChangeDateTime}), if it did
 * @param vaultChangedAt when the vault record's password changed outside Rotabot (IT Glue's
 *                       {@code password-updated-at}), if it did
 */
public record OutOfSync(Optional<Instant> directoryChangedAt, Optional<Instant> vaultChangedAt) {

    /** The state as users see it. */
    public static final String LABEL = "Out of sync";

    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public OutOfSync {
        if (directoryChangedAt.isEmpty() && vaultChangedAt.isEmpty()) {
            throw new IllegalArgumentException("Out of sync needs a change in the directory or in the vault");
        }
    }

    /** "password changed in the directory on 2026-11-30 14:02 UTC outside Rotabot; rotate to reconcile". */
    public String reason() {
        List<String> changes = new ArrayList<>(2);
        directoryChangedAt.ifPresent(at -> changes.add("in the directory on " + READABLE.format(at)));
        vaultChangedAt.ifPresent(at -> changes.add("in the vault on " + READABLE.format(at)));
        return "password changed " + String.join(" and ", changes) + " outside Rotabot; rotate to reconcile";
    }

    /** Whether this names a side the known drift did not: news for administrators. */
    boolean tellsMoreThan(Optional<OutOfSync> known) {
        return known.isEmpty() || directoryChangedAt.isPresent() && known.get().directoryChangedAt().isEmpty()
                || vaultChangedAt.isPresent() && known.get().vaultChangedAt().isEmpty();
    }
}
