package io.rotabot.rotation;

import io.rotabot.matching.Matches;
import io.rotabot.organization.Organization;
import io.rotabot.organization.Organizations;
import io.rotabot.policy.EffectiveSettings;
import io.rotabot.policy.PasswordPolicies;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scheduled rotation: in every organization whose settings enable it, each approved pair (not opted
 * out) whose last successful rotation is older than the frequency — or that never rotated — is
 * rotated, as one bulk request of the schedule.
 */
@Service
public class ScheduledRotations {

    private static final Logger log = LoggerFactory.getLogger(ScheduledRotations.class);

    private final Organizations organizations;
    private final PasswordPolicies policies;
    private final Matches matches;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    ScheduledRotations(Organizations organizations, PasswordPolicies policies, Matches matches, JdbcClient jdbc,
                       ApplicationEventPublisher events) {
        this.organizations = organizations;
        this.policies = policies;
        this.matches = matches;
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Starts the rotations that are due now; returns how many. */
    @Transactional
    public int startDue() {
        Instant now = Instant.now();
        String batch = "schedule-" + now;
        int started = 0;
        for (Organization organization : organizations.all()) {
            EffectiveSettings settings = policies.effectiveFor(organization.key());
            if (!settings.settings().scheduledRotation() || !settings.settings().rotationEnabled()) {
                continue;
            }
            Instant dueBefore = now.minus(Duration.ofDays(settings.settings().frequencyDays()));
            for (var pair : matches.scheduledPairs(organization.key())) {
                if (lastSuccess(organization.key(), pair.accountId()).map(last -> last.isBefore(dueBefore)).orElse(true)) {
                    events.publishEvent(new RotationRequested(RotationRequest.inBatch(batch, started, organization.key(),
                            pair.accountId(), pair.vaultRecordId(), "schedule")));
                    started++;
                }
            }
        }
        log.info("Scheduled rotation: {} rotation(s) due, batch {}", started, batch);
        return started;
    }

    private Optional<Instant> lastSuccess(String organizationKey, String accountId) {
        return jdbc.sql("select max(updated_at) from rotations where organization_key = ? and account_id = ? and status = 'SUCCESSFUL'")
                .params(organizationKey, accountId).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }
}
