package io.rotabot.workflow;

import io.rotabot.matching.Matches;
import io.rotabot.matching.Resolution;
import io.rotabot.ticketing.TicketSnapshot;
import io.rotabot.ticketing.Tickets;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Finds the requester's directory account in the ticket's organization and its approved vault record. */
@Component("resolveRequester")
class ResolveRequesterDelegate implements JavaDelegate {

    private final Tickets tickets;
    private final Matches matches;

    ResolveRequesterDelegate(Tickets tickets, Matches matches) {
        this.tickets = tickets;
        this.matches = matches;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long ticketId = (Long) execution.getVariable(Variables.TICKET_ID);
        TicketSnapshot ticket = tickets.snapshot(ticketId).orElseThrow();
        Resolution resolution = matches.resolveRequester(ticket.ticket().companyId(), ticket.requesterEmail());
        execution.setVariable(Variables.RESOLUTION, resolution.outcome().name());
        execution.setVariable(Variables.RESOLUTION_REASON, resolution.reason());
        execution.setVariable(Variables.ORGANIZATION_KEY, resolution.organizationKey());
        execution.setVariable(Variables.ACCOUNT_ID, resolution.accountId());
        execution.setVariable(Variables.ACCOUNT_NAME, resolution.accountName());
        execution.setVariable(Variables.VAULT_RECORD_ID, resolution.vaultRecordId());
    }
}
