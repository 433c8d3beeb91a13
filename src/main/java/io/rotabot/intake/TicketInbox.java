package io.rotabot.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inbox of ticket events. A delivery Autotask retries, or anyone replays, carries the same signed
 * bytes, so the hash of those bytes is unique per event; the database's unique constraint turns every
 * repeat into a no-op.
 */
@Service
class TicketInbox {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    TicketInbox(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Stores the event and announces it in the same transaction; false if it was already here. */
    @Transactional
    public boolean accept(TicketEvent event, byte[] signedBody) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.sql("""
                    insert into ticket_events (dedup_key, ticket_id, action, event_time, sequence_number, body, received_at)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                .params(sha256(signedBody), event.ticketId(), event.action(), event.eventTime(), event.sequenceNumber(),
                        new String(signedBody, StandardCharsets.UTF_8), Timestamp.from(Instant.now()))
                .update(key, "id");
        } catch (DuplicateKeyException repeat) {
            return false;
        }
        events.publishEvent(new TicketEventReceived(key.getKey().longValue(), event.ticketId(), event.action()));
        return true;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
