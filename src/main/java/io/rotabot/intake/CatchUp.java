package io.rotabot.intake;

import io.rotabot.ticketing.CreatedTicket;
import io.rotabot.ticketing.TicketDesk;
import io.rotabot.ticketing.TicketDeskUnavailableException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Nothing lost: asks Autotask for the tickets created since the last run (and for the creations it
 * could not deliver and gave up on) and puts those the inbox has never seen into it, so tickets whose
 * webhooks were dropped while Rotabot was down or unreachable are still handled. Only creations count:
 * a ticket process starts on a ticket's creation, so an old ticket that merely changed — one from before
 * Rotabot was installed — never has a password reset on its behalf. A ticket it finds whose process
 * stopped in an incident (a vendor outage longer than the steps' retry cycle) is retried, not started
 * again. Runs at start-up and then at {@code rotabot.intake.catch-up-interval}; the first run ever starts
 * from now (or {@code catch-up-first-look-back} earlier): tickets from before Rotabot was installed were
 * handled by people. While Autotask is down the run fails and its cursor stays, so the run after the
 * outage looks at every ticket created during it.
 */
@Component
class CatchUp {

    private static final Logger log = LoggerFactory.getLogger(CatchUp.class);
    private static final String CURSOR = "autotask-tickets";
    /** Autotask's clock and ours differ a little, and a ticket may change while we read: read a bit further back. */
    private static final Duration OVERLAP = Duration.ofMinutes(5);

    private final TicketDesk desk;
    private final TicketInbox inbox;
    private final RetryTicketProcess retries;
    private final JdbcClient jdbc;
    private final Duration firstLookBack;

    CatchUp(TicketDesk desk, TicketInbox inbox, RetryTicketProcess retries, JdbcClient jdbc,
            @Value("${rotabot.intake.catch-up-first-look-back:0s}") Duration firstLookBack) {
        this.desk = desk;
        this.inbox = inbox;
        this.retries = retries;
        this.jdbc = jdbc;
        this.firstLookBack = firstLookBack;
    }

    @Scheduled(initialDelayString = "${rotabot.intake.catch-up-initial-delay:10s}",
               fixedDelayString = "${rotabot.intake.catch-up-interval:5m}")
    void scheduled() {
        try {
            run();
        } catch (TicketDeskUnavailableException e) {
            log.warn("Catch-up with Autotask failed, tried again at the next interval: {}", e.getMessage());
        }
    }

    /** One catch-up; returns how many tickets it put into the inbox (the ones it retried are logged). */
    int run() {
        Instant startedAt = Instant.now();
        Instant since = cursor().orElse(startedAt.minus(firstLookBack)).minus(OVERLAP);
        int found = 0;
        for (CreatedTicket ticket : desk.createdSince(since)) {
            if (inbox.acceptFound(ticket.ticketId(), ticket.created(), "catch-up")) {
                found++;
            } else {
                retryIfStopped(ticket.ticketId());
            }
        }
        for (long ticketId : desk.undeliveredSince(since)) {
            if (inbox.acceptFound(ticketId, startedAt, "webhook-error-log")) {
                found++;
            } else {
                retryIfStopped(ticketId);
            }
        }
        moveCursor(startedAt);
        if (found > 0) {
            log.warn("Catch-up found {} ticket(s) created since {} whose webhooks never arrived", found, since);
        }
        return found;
    }

    /** A ticket the inbox has seen: its process goes on if it stopped in an incident. */
    private void retryIfStopped(long ticketId) {
        TicketRetry retry = retries.retry(ticketId);
        if (retry.result() == TicketRetry.Result.RETRIED) {
            log.warn("Catch-up: {}", retry.detail());
        }
    }

    private Optional<Instant> cursor() {
        return jdbc.sql("select position from intake_cursors where name = ?").param(CURSOR)
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    private void moveCursor(Instant position) {
        if (jdbc.sql("update intake_cursors set position = ? where name = ? and position < ?")
                .params(Timestamp.from(position), CURSOR, Timestamp.from(position)).update() == 0
                && cursor().isEmpty()) {
            jdbc.sql("insert into intake_cursors (name, position) values (?, ?)").params(CURSOR, Timestamp.from(position)).update();
        }
    }
}
