package io.rotabot.audit;

import io.rotabot.intake.TicketEventReceived;
import io.rotabot.rotation.RotationReported;
import io.rotabot.ticketbot.AccountUnlockReported;
import io.rotabot.ticketbot.TicketTargetRefused;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only record of what Rotabot was asked and what it did. Rows are inserted, never updated
 * or deleted, and never hold a secret.
 */
@Service
public class AuditTrail {

    private final JdbcClient jdbc;

    AuditTrail(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(TicketEventReceived event) {
        append("ticket-event", "ticket " + event.ticketId(), event.action() + " event " + event.eventId() + " accepted");
    }

    /** Committed on its own: the journal already recorded the end, whatever happens to the caller's transaction. */
    @EventListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void on(RotationReported event) {
        append("rotation-" + (event.status().finished() ? "finished" : "stalled"), "rotation " + event.rotationId(),
                event.accountName() + " in " + event.organizationKey() + ": " + event.status().label() + " — " + event.reason());
    }

    /** A ticket asked for an account outside its company's organization: who asked for what stays on record. */
    @EventListener
    void on(TicketTargetRefused event) {
        append("ticket-target-refused", "ticket " + event.ticketId(), event.organizationKey() + ": " + event.reason());
    }

    @EventListener
    void on(AccountUnlockReported event) {
        append("account-unlock", "ticket " + event.ticketId(), event.accountName() + " in " + event.organizationKey() + ": "
                + event.status() + " — " + event.reason());
    }

    public List<AuditEvent> latest(int limit) {
        return jdbc.sql("select occurred_at, kind, subject, detail from audit_events order by id desc limit ?")
            .param(limit)
            .query((row, i) -> new AuditEvent(row.getTimestamp("occurred_at").toInstant(), row.getString("kind"),
                    row.getString("subject"), row.getString("detail")))
            .list();
    }

    private void append(String kind, String subject, String detail) {
        jdbc.sql("insert into audit_events (occurred_at, kind, subject, detail) values (?, ?, ?, ?)")
            .params(Timestamp.from(Instant.now()), kind, subject, detail.length() > 2000 ? detail.substring(0, 2000) : detail)
            .update();
    }

    /**
     * One audit row.
     *
     * @param occurredAt when
     * @param kind what kind of event
     * @param subject what it is about
     * @param detail what happened, in words
     */
    public record AuditEvent(Instant occurredAt, String kind, String subject, String detail) {
    }
}
