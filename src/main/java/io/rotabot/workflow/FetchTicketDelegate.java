package io.rotabot.workflow;

import io.rotabot.ticketing.TicketSnapshot;
import io.rotabot.ticketing.Tickets;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Fetches the ticket and its requester from the PSA. */
@Component("fetchTicket")
class FetchTicketDelegate implements JavaDelegate {

    private final Tickets tickets;

    FetchTicketDelegate(Tickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Optional<TicketSnapshot> snapshot = tickets.fetch((Long) execution.getVariable(Variables.TICKET_ID));
        execution.setVariable(Variables.TICKET_FOUND, snapshot.isPresent());
        snapshot.ifPresent(s -> {
            execution.setVariable(Variables.COMPANY_ID, s.ticket().companyId());
            execution.setVariable(Variables.TICKET_NUMBER, s.ticket().number());
        });
    }
}
