package io.rotabot.rotation;

import io.rotabot.directory.Directory;
import io.rotabot.directory.DirectoryAccount;
import io.rotabot.directory.DirectoryUnavailableException;
import io.rotabot.matching.Matches;
import io.rotabot.organization.Organization;
import io.rotabot.organization.Organizations;
import io.rotabot.policy.EffectiveSettings;
import io.rotabot.policy.PasswordPolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scheduled rotation: in every organization whose settings enable it, each approved pair (not opted
 * out) that is due is rotated, as one bulk request of the schedule. A pair is due
 * <ul>
 * <li>when it never rotated successfully, or its last successful rotation is older than the frequency;</li>
 * <li>after n schedule runs in a row that did not succeed for it (since its last success), only once
 * {@code min(retry × 2^(n-1), frequency)} has passed since the last of them ended, {@code retry} being
 * {@code rotabot.schedule.retry-after-failure} (1 hour, the schedule's own step): 1, 2, 4, 8 … hours, at
 * most one frequency apart. A success by anyone ends the backoff.</li>
 * </ul>
 * Left out, without a rotation row: an account that cannot sign in (disabled, expired or locked out in the
 * directory), the directory connection's own bind account, and an account whose rotation is still under
 * way. While an organization's directory does not answer, its pairs wait for the next run.
 */
@Service
public class ScheduledRotations {

    private static final Logger log = LoggerFactory.getLogger(ScheduledRotations.class);

    private final Organizations organizations;
    private final PasswordPolicies policies;
    private final Matches matches;
    private final Rotations rotations;
    private final Directory directory;
    private final ApplicationEventPublisher events;
    private final Duration retryAfterFailure;

    ScheduledRotations(Organizations organizations, PasswordPolicies policies, Matches matches, Rotations rotations,
                       Directory directory, ApplicationEventPublisher events,
                       @Value("${rotabot.schedule.retry-after-failure:1h}") Duration retryAfterFailure) {
        this.organizations = organizations;
        this.policies = policies;
        this.matches = matches;
        this.rotations = rotations;
        this.directory = directory;
        this.events = events;
        this.retryAfterFailure = retryAfterFailure;
    }

    /**
     * The schedule's failed rotations of one account since its last success.
     *
     * @param accountId the account
     * @param count how many in a row
     * @param lastEnded when the latest of them ended
     */
    record Failures(String accountId, int count, Instant lastEnded) {
    }

    /** Starts the rotations that are due now; returns how many. */
    @Transactional
    public int startDue() {
        Instant now = Instant.now();
        String batch = "schedule-" + now;
        int started = 0;
        Map<String, Integer> skipped = new TreeMap<>();
        for (Organization organization : organizations.all()) {
            EffectiveSettings settings = policies.effectiveFor(organization.key());
            if (!settings.settings().scheduledRotation() || !settings.settings().rotationEnabled()) {
                continue;
            }
            Duration frequency = Duration.ofDays(settings.settings().frequencyDays());
            Map<String, Rotation> lastSuccess = rotations.lastSuccessful(organization.key());
            Map<String, Failures> failures = rotations.scheduleFailures(organization.key());
            try {
                for (var pair : matches.scheduledPairs(organization.key())) {
                    if (!due(now, frequency, Optional.ofNullable(lastSuccess.get(pair.accountId())).map(Rotation::updatedAt),
                            Optional.ofNullable(failures.get(pair.accountId())))) {
                        continue;
                    }
                    Optional<String> leftOut = leftOut(organization.key(), pair.accountId());
                    if (leftOut.isPresent()) {
                        skipped.merge(leftOut.get(), 1, Integer::sum);
                        continue;
                    }
                    events.publishEvent(new RotationRequested(RotationRequest.inBatch(batch, started, organization.key(),
                            pair.accountId(), pair.vaultRecordId(), "schedule")));
                    started++;
                }
            } catch (DirectoryUnavailableException e) {
                log.warn("Scheduled rotation of {} waits for the next run: {}", organization.key(), e.getMessage());
            }
        }
        log.info("Scheduled rotation: {} rotation(s) due, batch {}; left out: {}", started, batch, skipped);
        return started;
    }

    /**
     * When the pair is due: by the frequency after its last success, or by the backoff after the schedule's
     * failures since then; empty when it never rotated nor failed, so it is due now.
     */
    static Optional<Instant> dueAt(Duration frequency, Duration retryAfterFailure, Optional<Instant> lastSuccess,
                                   Optional<Failures> failures) {
        if (failures.isPresent()) {
            int doublings = Math.min(failures.get().count() - 1, 30);
            Duration wait = retryAfterFailure.multipliedBy(1L << doublings);
            return Optional.of(failures.get().lastEnded().plus(wait.compareTo(frequency) > 0 ? frequency : wait));
        }
        return lastSuccess.map(last -> last.plus(frequency));
    }

    private boolean due(Instant now, Duration frequency, Optional<Instant> lastSuccess, Optional<Failures> failures) {
        return dueAt(frequency, retryAfterFailure, lastSuccess, failures).map(at -> !at.isAfter(now)).orElse(true);
    }

    /** Why the account is left out of this run, in a few words for the log, if it is. */
    private Optional<String> leftOut(String organizationKey, String accountId) {
        if (rotations.activeFor(organizationKey, accountId).isPresent()) {
            return Optional.of("rotation under way");
        }
        Optional<DirectoryAccount> account = directory.account(organizationKey, accountId);
        if (account.isEmpty()) {
            return Optional.of("not in the directory");
        }
        if (directory.isServiceAccount(account.get())) {
            return Optional.of("bind account");
        }
        if (!account.get().enabled()) {
            return Optional.of("disabled");
        }
        if (account.get().expired()) {
            return Optional.of("expired");
        }
        if (account.get().lockedOut()) {
            return Optional.of("locked out");
        }
        return Optional.empty();
    }
}
