package io.rotabot.workflow;

import io.rotabot.ticketbot.TicketBot;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The ticket's one answer: a note naming every account it asked for and what came of it. */
@Component("answerTicket")
class AnswerTicketDelegate implements JavaDelegate {

    private final TicketBot bot;

    AnswerTicketDelegate(TicketBot bot) {
        this.bot = bot;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(Variables.NOTE_ID, bot.answer((Long) execution.getVariable(Variables.TICKET_ID)));
    }
}
