package io.rotabot.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inbox of ticket events. A delivery Autotask retries, or anyone replays, carries the same signed
 * bytes, so the hash of those bytes is unique per event; the database's unique constraint turns every
 * repeat into a no-op. Events are stored here first and dispatched to the ticket process afterwards.
 */
@Service
class TicketInbox {

    private final JdbcClient jdbc;

    TicketInbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a webhook's event; false if it was already here. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean accept(TicketEvent event, byte[] signedBody) {
        return store(sha256(signedBody), event, new String(signedBody, StandardCharsets.UTF_8));
    }

    /** Stores the creation of a ticket the catch-up job found, once per ticket; false if the ticket was here already. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean acceptFound(long ticketId, Instant created, String source) {
        if (seen(ticketId)) {
            return false;
        }
        String body = "{\"Id\":" + ticketId + ",\"EntityType\":\"Ticket\",\"Source\":\"" + source + "\"}";
        return store("found:" + ticketId, new TicketEvent(ticketId, "Create", created.toString(), ""), body);
    }

    boolean seen(long ticketId) {
        return jdbc.sql("select count(*) from ticket_events where ticket_id = ?").param(ticketId).query(Long.class).single() > 0;
    }

    /** The oldest events not yet dispatched. */
    List<TicketEventReceived> undispatched(int limit) {
        return jdbc.sql("select id, ticket_id, action from ticket_events where dispatched_at is null order by id fetch first ? rows only")
                .param(limit)
                .query((row, i) -> new TicketEventReceived(row.getLong("id"), row.getLong("ticket_id"), row.getString("action")))
                .list();
    }

    /** Marks the event dispatched, unless another node did; false then. */
    boolean dispatched(long eventId) {
        return jdbc.sql("update ticket_events set dispatched_at = ? where id = ? and dispatched_at is null")
                .params(Timestamp.from(Instant.now()), eventId).update() == 1;
    }

    private boolean store(String dedupKey, TicketEvent event, String body) {
        try {
            jdbc.sql("""
                    insert into ticket_events (dedup_key, ticket_id, action, event_time, sequence_number, body, received_at)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                .params(dedupKey, event.ticketId(), event.action(), event.eventTime(), event.sequenceNumber(), body,
                        Timestamp.from(Instant.now()))
                .update();
            return true;
        } catch (DuplicateKeyException repeat) {
            return false;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
