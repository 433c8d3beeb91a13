package io.rotabot.workflow;

import io.rotabot.ticketbot.InvalidReviewException;
import io.rotabot.ticketbot.TicketBot;
import io.rotabot.ticketbot.TicketReviews;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Applies the technician's decision when the review task is completed, in the same transaction: a
 * decision that does not fit the accounts waiting throws, so the task stays open and Tasklist shows why.
 */
@Component("reviewCompleted")
class ReviewCompletedListener implements TaskListener {

    private final TicketBot bot;
    private final TicketReviews reviews;

    ReviewCompletedListener(TicketBot bot, TicketReviews reviews) {
        this.bot = bot;
        this.reviews = reviews;
    }

    @Override
    public void notify(DelegateTask task) {
        long ticketId = (Long) task.getVariable(Variables.TICKET_ID);
        var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String reviewer = authentication != null ? authentication.getUserId() : task.getAssignee();
        Object decision = task.getVariable(Variables.REVIEW_DECISION);
        if (decision != null && !(decision instanceof String)) {
            throw new InvalidReviewException("reviewDecision must be a String holding JSON, not a " + decision.getClass().getSimpleName());
        }
        reviews.apply(ticketId, (String) decision, reviewer);
        task.getExecution().setVariable(Variables.ACCOUNTS_TO_RUN, bot.runnableCount(ticketId));
    }
}
