package io.rotabot.ticketing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Fetches tickets with their requester from the PSA and keeps the latest snapshot of each. */
@Service
public class Tickets {

    private final TicketDesk desk;
    private final JdbcClient jdbc;

    Tickets(TicketDesk desk, JdbcClient jdbc) {
        this.desk = desk;
        this.jdbc = jdbc;
    }

    /** Reads the ticket and its requester from the PSA and stores them; empty if the PSA has no such ticket. */
    @Transactional
    public Optional<TicketSnapshot> fetch(long ticketId) {
        Optional<Ticket> found = desk.ticket(ticketId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Ticket ticket = found.get();
        Optional<Contact> requester = ticket.contactId()
                .flatMap(desk::contact)
                .filter(Contact::active)
                .filter(c -> c.companyId() == ticket.companyId());
        Optional<String> email = requester.map(Contact::email).filter(e -> !e.isBlank());
        String name = requester.map(Contact::name).orElse("");
        Ticket.Category category = ticket.category();
        jdbc.sql("delete from tickets where id = ?").param(ticket.id()).update();
        jdbc.sql("""
                insert into tickets (id, ticket_number, title, description, company_id, contact_id, requester_email,
                                     requester_name, issue_type, sub_issue_type, queue_id, source, fetched_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(ticket.id(), ticket.number(), ticket.title(), ticket.description(), ticket.companyId(),
                    ticket.contactId().orElse(null), email.orElse(null), name, category.issueType(),
                    category.subIssueType(), category.queueId(), category.source(), Timestamp.from(Instant.now()))
            .update();
        return Optional.of(new TicketSnapshot(ticket, email, name));
    }

    /** The snapshot the last {@link #fetch} stored. */
    public Optional<TicketSnapshot> snapshot(long ticketId) {
        return jdbc.sql("select * from tickets where id = ?").param(ticketId).query(Tickets::toSnapshot).optional();
    }

    public long addNote(long ticketId, TicketNote note) {
        return desk.addNote(ticketId, note);
    }

    /** Sets the ticket status configured for this final outcome, if any. */
    public void markOutcome(long ticketId, boolean rotated) {
        desk.markOutcome(ticketId, rotated);
    }

    private static TicketSnapshot toSnapshot(ResultSet row, int index) throws SQLException {
        long contactId = row.getLong("contact_id");
        Optional<Long> contact = row.wasNull() ? Optional.empty() : Optional.of(contactId);
        Ticket.Category category = new Ticket.Category(row.getObject("issue_type", Integer.class),
                row.getObject("sub_issue_type", Integer.class), row.getObject("queue_id", Integer.class),
                row.getObject("source", Integer.class));
        Ticket ticket = new Ticket(row.getLong("id"), row.getString("ticket_number"), row.getString("title"),
                row.getString("description"), row.getLong("company_id"), contact, category);
        String name = row.getString("requester_name");
        return new TicketSnapshot(ticket, Optional.ofNullable(row.getString("requester_email")), name == null ? "" : name);
    }
}
