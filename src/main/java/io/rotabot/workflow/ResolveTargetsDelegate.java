package io.rotabot.workflow;

import io.rotabot.classify.Intent;
import io.rotabot.ticketbot.TicketBot;
import io.rotabot.ticketbot.TicketReviews;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Finds the accounts the ticket asks for in its company's organization and puts each through the guards. */
@Component("resolveTargets")
class ResolveTargetsDelegate implements JavaDelegate {

    private final TicketBot bot;
    private final TicketReviews reviews;

    ResolveTargetsDelegate(TicketBot bot, TicketReviews reviews) {
        this.bot = bot;
        this.reviews = reviews;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long ticketId = (Long) execution.getVariable(Variables.TICKET_ID);
        TicketBot.Plan plan = bot.resolve(ticketId, Intent.valueOf((String) execution.getVariable(Variables.INTENT)));
        execution.setVariable(Variables.REVIEW_NEEDED, plan.review());
        execution.setVariable(Variables.ACCOUNTS_TO_RUN, plan.runnable());
        execution.setVariable(Variables.REVIEW_TIMEOUT, bot.reviewTimeout());
        execution.setVariable(Variables.REVIEW_TARGETS, plan.review() ? reviews.summary(ticketId) : null);
    }
}
