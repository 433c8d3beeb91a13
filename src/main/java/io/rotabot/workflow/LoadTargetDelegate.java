package io.rotabot.workflow;

import io.rotabot.directory.ResetOptions;
import io.rotabot.ticketbot.TicketBot;
import io.rotabot.ticketbot.TicketTarget;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * One pass of the loop over a ticket's accounts: the ids the scenario needs, local to this pass, and
 * empty outcome variables the scenario's outputs fill (so no pass sees another's outcome).
 */
@Component("loadTarget")
class LoadTargetDelegate implements JavaDelegate {

    private final TicketBot bot;

    LoadTargetDelegate(TicketBot bot) {
        this.bot = bot;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long ticketId = (Long) execution.getVariable(Variables.TICKET_ID);
        TicketTarget target = bot.runnable(ticketId, (Integer) execution.getVariable(Variables.LOOP_COUNTER));
        String organizationKey = target.organizationKey().orElseThrow();
        ResetOptions options = bot.resetOptions(organizationKey);
        execution.setVariableLocal(Variables.TARGET_POSITION, target.position());
        execution.setVariableLocal(Variables.ORGANIZATION_KEY, organizationKey);
        execution.setVariableLocal(Variables.ACCOUNT_ID, target.accountId().orElseThrow());
        execution.setVariableLocal(Variables.VAULT_RECORD_ID, target.vaultRecordId().orElseThrow());
        execution.setVariableLocal(Variables.REQUEST_KEY, "ticket:" + ticketId + "/" + target.position());
        execution.setVariableLocal(Variables.UNLOCK_ACCOUNT, options.unlock());
        execution.setVariableLocal(Variables.MUST_CHANGE_PASSWORD, options.mustChangeAtNextLogon());
        for (String outcome : new String[] {Variables.ROTATION_ID, Variables.ROTATION_STATUS, Variables.ROTATION_REASON,
            Variables.VAULT_RECORD_URL}) {
            execution.setVariableLocal(outcome, null);
        }
    }
}
