package io.rotabot.intake;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether Autotask has disabled the ticket webhook: raised when it calls the deactivation URL (health
 * DOWN, an ERROR line, an e-mail to the administrators), cleared when a signed event arrives again or the
 * webhook is registered anew. Kept in the database, so every node reports it.
 */
@Component("ticketWebhook")
class WebhookDeactivations implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeactivations.class);

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    /** A hint that spares the webhook path a database write while nothing is raised; the table decides. */
    private volatile boolean maybeRaised = true;

    WebhookDeactivations(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @Transactional
    public void raise(String detail) {
        Instant now = Instant.now();
        jdbc.sql("insert into webhook_deactivations (received_at, detail) values (?, ?)")
                .params(Timestamp.from(now), detail).update();
        maybeRaised = true;
        log.error("Autotask disabled the ticket webhook ({}). No ticket events arrive until it is turned on again; "
                + "the catch-up job still picks tickets up.", detail);
        events.publishEvent(new WebhookDeactivated(now, detail));
    }

    /** Events arrive again: the webhook is back on. */
    public void clear() {
        if (maybeRaised) {
            if (jdbc.sql("update webhook_deactivations set cleared_at = ? where cleared_at is null")
                    .param(Timestamp.from(Instant.now())).update() > 0) {
                log.info("The ticket webhook delivers again; the deactivation alert is cleared");
            }
            maybeRaised = false;
        }
    }

    Optional<Instant> raisedAt() {
        Optional<Instant> raised = jdbc.sql("select max(received_at) from webhook_deactivations where cleared_at is null")
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
        maybeRaised = raised.isPresent();
        return raised;
    }

    @Override
    public Health health() {
        return raisedAt()
                .map(at -> Health.down().withDetail("deactivated", at.toString()).withDetail("action",
                        "Autotask disabled the ticket webhook after failed deliveries: turn it on again in Autotask "
                        + "or POST /api/autotask/webhook; meanwhile the catch-up job picks tickets up").build())
                .orElseGet(() -> Health.up().build());
    }
}
