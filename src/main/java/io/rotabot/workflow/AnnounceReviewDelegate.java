package io.rotabot.workflow;

import io.rotabot.ticketbot.TicketBot;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Tells the ticket that a technician reviews it before anything changes. */
@Component("announceReview")
class AnnounceReviewDelegate implements JavaDelegate {

    private final TicketBot bot;

    AnnounceReviewDelegate(TicketBot bot) {
        this.bot = bot;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(Variables.NOTE_ID, bot.announceReview((Long) execution.getVariable(Variables.TICKET_ID)));
    }
}
