package io.rotabot.ticketbot;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The accounts each ticket asks for ({@code ticket_targets}), with their decisions and outcomes. */
@Repository
class TicketTargets {

    private final JdbcClient jdbc;

    TicketTargets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces the ticket's targets: resolving again (a retried job) starts from what the ticket says now. */
    void replace(long ticketId, List<TicketTarget> targets) {
        jdbc.sql("delete from ticket_targets where ticket_id = ?").param(ticketId).update();
        Timestamp now = Timestamp.from(Instant.now());
        for (TicketTarget target : targets) {
            jdbc.sql("""
                    insert into ticket_targets (ticket_id, position, kind, named_as, organization_key, account_id, account_name,
                                                privileged, candidates, vault_record_id, decision, reason, decided_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(ticketId, target.position(), target.kind().name(), target.namedAs(), target.organizationKey().orElse(null),
                        target.accountId().orElse(null), target.accountName(), target.privileged(), candidates(target.candidates()),
                        target.vaultRecordId().orElse(null), target.decision().name(), clip(target.reason(), 2000), now)
                .update();
        }
    }

    List<TicketTarget> of(long ticketId) {
        return jdbc.sql("select * from ticket_targets where ticket_id = ? order by position").param(ticketId)
            .query(TicketTargets::toTarget).list();
    }

    Optional<TicketTarget> find(long ticketId, int position) {
        return jdbc.sql("select * from ticket_targets where ticket_id = ? and position = ?").params(ticketId, position)
            .query(TicketTargets::toTarget).optional();
    }

    /** A technician's decision on a target that waits for review; false when it no longer waits. */
    boolean reviewed(long ticketId, int position, TicketTarget.Decision decision, String reason, String reviewer,
                     Optional<TicketTarget.Candidate> chosen) {
        String sql = "update ticket_targets set decision = ?, reason = ?, reviewed_by = ?, decided_at = ?"
                + (chosen.isPresent() ? ", account_id = ?, account_name = ?, candidates = ''" : "")
                + " where ticket_id = ? and position = ? and decision = 'REVIEW'";
        List<Object> parameters = new ArrayList<>(List.of(decision.name(), clip(reason, 2000), reviewer, Timestamp.from(Instant.now())));
        chosen.ifPresent(c -> {
            parameters.add(c.accountId());
            parameters.add(c.name());
        });
        parameters.add(ticketId);
        parameters.add(position);
        return jdbc.sql(sql).params(parameters).update() == 1;
    }

    /** After a technician picked one of several candidates: its match and privilege, as the guards see them. */
    void resolved(long ticketId, int position, Optional<String> vaultRecordId, boolean privileged) {
        jdbc.sql("update ticket_targets set vault_record_id = ?, privileged = ? where ticket_id = ? and position = ?")
            .params(vaultRecordId.orElse(null), privileged, ticketId, position).update();
    }

    void decided(long ticketId, int position, TicketTarget.Decision decision, String reason) {
        jdbc.sql("update ticket_targets set decision = ?, reason = ?, decided_at = ? where ticket_id = ? and position = ?")
            .params(decision.name(), clip(reason, 2000), Timestamp.from(Instant.now()), ticketId, position).update();
    }

    void outcome(long ticketId, int position, Optional<String> rotationId, String status, String reason, String vaultRecordUrl) {
        jdbc.sql("""
                update ticket_targets set rotation_id = ?, outcome_status = ?, outcome_reason = ?, vault_record_url = ?
                where ticket_id = ? and position = ?""")
            .params(rotationId.orElse(null), status, clip(reason, 2000), vaultRecordUrl, ticketId, position).update();
    }

    /** How many accounts of the organization other tickets had reset or unlocked without a review since then. */
    int automaticSince(String organizationKey, long otherThanTicket, Instant since) {
        return jdbc.sql("""
                select count(*) from ticket_targets
                where organization_key = ? and decision = 'ROTATE' and decided_at > ? and ticket_id <> ?""")
            .params(organizationKey, Timestamp.from(since), otherThanTicket).query(Integer.class).single();
    }

    private static String candidates(List<TicketTarget.Candidate> candidates) {
        StringBuilder text = new StringBuilder();
        for (TicketTarget.Candidate candidate : candidates) {
            text.append(candidate.accountId()).append('\t').append(candidate.name().replace('\n', ' ').replace('\t', ' ')).append('\n');
        }
        return clip(text.toString(), 4000);
    }

    private static List<TicketTarget.Candidate> candidates(String text) {
        List<TicketTarget.Candidate> candidates = new ArrayList<>();
        for (String line : text.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                candidates.add(new TicketTarget.Candidate(line.substring(0, tab), line.substring(tab + 1)));
            }
        }
        return List.copyOf(candidates);
    }

    private static String clip(String value, int length) {
        return value.length() > length ? value.substring(0, length) : value;
    }

    private static TicketTarget toTarget(ResultSet row, int index) throws SQLException {
        return new TicketTarget(row.getLong("ticket_id"), row.getInt("position"), TicketTarget.Kind.valueOf(row.getString("kind")),
                row.getString("named_as"), Optional.ofNullable(row.getString("organization_key")),
                Optional.ofNullable(row.getString("account_id")), nonNull(row.getString("account_name")),
                row.getBoolean("privileged"), candidates(row.getString("candidates")),
                Optional.ofNullable(row.getString("vault_record_id")), TicketTarget.Decision.valueOf(row.getString("decision")),
                row.getString("reason"), Optional.ofNullable(row.getString("reviewed_by")),
                Optional.ofNullable(row.getString("rotation_id")), Optional.ofNullable(row.getString("outcome_status")),
                nonNull(row.getString("outcome_reason")), nonNull(row.getString("vault_record_url")));
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
