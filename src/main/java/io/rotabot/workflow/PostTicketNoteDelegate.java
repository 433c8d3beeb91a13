package io.rotabot.workflow;

import io.rotabot.ticketing.TicketNote;
import io.rotabot.ticketing.Tickets;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Tells the ticket what happened: the rotation's outcome, or why no account could be rotated. */
@Component("postTicketNote")
class PostTicketNoteDelegate implements JavaDelegate {

    private final Tickets tickets;

    PostTicketNoteDelegate(Tickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String status = (String) execution.getVariable(Variables.ROTATION_STATUS);
        TicketNote note = status == null
                ? TicketNote.noAccount((String) execution.getVariable(Variables.RESOLUTION_REASON))
                : TicketNote.about((String) execution.getVariable(Variables.ACCOUNT_NAME), status,
                        (String) execution.getVariable(Variables.ROTATION_REASON),
                        (String) execution.getVariable(Variables.VAULT_RECORD_URL));
        long noteId = tickets.addNote((Long) execution.getVariable(Variables.TICKET_ID), note);
        execution.setVariable(Variables.NOTE_ID, noteId);
    }
}
