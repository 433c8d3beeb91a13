package io.rotabot.workflow;

import io.rotabot.ticketbot.TicketBot;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The account unlock scenario's one step: ends the account's lockout, leaves its password alone. (Not named
 * "unlockAccount": the process variable of that name would hide the bean in the delegate expression.)
 */
@Component("endLockout")
class UnlockAccountDelegate implements JavaDelegate {

    private final TicketBot bot;

    UnlockAccountDelegate(TicketBot bot) {
        this.bot = bot;
    }

    @Override
    public void execute(DelegateExecution execution) {
        TicketBot.Outcome outcome = bot.unlock((Long) execution.getVariable(Variables.TICKET_ID),
                (String) execution.getVariable(Variables.ORGANIZATION_KEY),
                (String) execution.getVariable(Variables.ACCOUNT_ID));
        execution.setVariable(Variables.ROTATION_STATUS, outcome.status());
        execution.setVariable(Variables.ROTATION_REASON, outcome.reason());
    }
}
