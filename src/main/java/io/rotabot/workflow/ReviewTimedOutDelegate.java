package io.rotabot.workflow;

import io.rotabot.ticketbot.TicketBot;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Nobody reviewed the ticket in time: the accounts that waited are left alone, the others go ahead. */
@Component("reviewTimedOut")
class ReviewTimedOutDelegate implements JavaDelegate {

    private final TicketBot bot;

    ReviewTimedOutDelegate(TicketBot bot) {
        this.bot = bot;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long ticketId = (Long) execution.getVariable(Variables.TICKET_ID);
        bot.reviewTimedOut(ticketId);
        execution.setVariable(Variables.ACCOUNTS_TO_RUN, bot.runnableCount(ticketId));
    }
}
