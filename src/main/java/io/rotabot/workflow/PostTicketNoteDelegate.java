package io.rotabot.workflow;

import io.rotabot.rotation.RotationStatus;
import io.rotabot.ticketbot.TicketBot;
import io.rotabot.ticketing.TicketNote;
import io.rotabot.ticketing.TicketNote.Outcome;
import io.rotabot.ticketing.TicketNotes;
import io.rotabot.ticketing.Tickets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Tells the ticket about one rotation it asked for — that it waits for the minimum password age, or its
 * outcome — in the MSP's words (the note templates), and sets the ticket status configured for a final one.
 * The ticket process itself answers once for all its accounts (AnswerTicketDelegate).
 */
@Component("postTicketNote")
class PostTicketNoteDelegate implements JavaDelegate {

    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Tickets tickets;
    private final TicketNotes notes;

    PostTicketNoteDelegate(Tickets tickets, TicketNotes notes) {
        this.tickets = tickets;
        this.notes = notes;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long ticketId = (Long) execution.getVariable(Variables.TICKET_ID);
        String status = (String) execution.getVariable(Variables.ROTATION_STATUS);
        Map<String, String> values = new HashMap<>();
        values.put("account", text(execution, Variables.ACCOUNT_NAME));
        values.put("status", status == null ? "" : status);
        values.put("link", text(execution, Variables.VAULT_RECORD_URL));
        values.put("time", readable(text(execution, Variables.ELIGIBLE_AT)));
        values.put("reason", text(execution, Variables.ROTATION_REASON));
        Outcome outcome = outcome(status);
        TicketNote note = notes.compose(outcome, values);
        execution.setVariable(Variables.NOTE_ID, tickets.addNote(ticketId, note));
        if (outcome.last()) {
            tickets.markOutcome(ticketId, outcome == Outcome.ROTATED);
        }
    }

    private static Outcome outcome(String statusLabel) {
        return TicketBot.outcomeOf(RotationStatus.byLabel(statusLabel), true);
    }

    /** "2026-11-28 03:14 UTC" for helpdesk staff, from the ISO instant the process keeps. */
    private static String readable(String instant) {
        return instant.isEmpty() ? "" : READABLE.format(Instant.parse(instant));
    }

    private static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null ? "" : value.toString();
    }
}
