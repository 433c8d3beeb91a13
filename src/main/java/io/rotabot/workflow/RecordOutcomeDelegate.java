package io.rotabot.workflow;

import io.rotabot.ticketbot.TicketBot;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Keeps what the scenario did for one of the ticket's accounts, for the ticket's one note. */
@Component("recordOutcome")
class RecordOutcomeDelegate implements JavaDelegate {

    private final TicketBot bot;

    RecordOutcomeDelegate(TicketBot bot) {
        this.bot = bot;
    }

    @Override
    public void execute(DelegateExecution execution) {
        bot.recordOutcome((Long) execution.getVariable(Variables.TICKET_ID), (Integer) execution.getVariable(Variables.TARGET_POSITION),
                Optional.ofNullable((String) execution.getVariable(Variables.ROTATION_ID)),
                (String) execution.getVariable(Variables.ROTATION_STATUS), (String) execution.getVariable(Variables.ROTATION_REASON),
                (String) execution.getVariable(Variables.VAULT_RECORD_URL));
    }
}
