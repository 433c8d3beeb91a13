package io.rotabot.workflow;

import io.rotabot.intake.TicketEventReceived;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts the ticket process for a new ticket event, in the transaction that stored the event. A ticket
 * gets one reset process, ever: updates that follow — including the one our own note causes — start nothing.
 */
@Component
class TicketProcesses {

    static final String TICKET_PROCESS = "ticket-password-reset";
    private static final Logger log = LoggerFactory.getLogger(TicketProcesses.class);

    private final RuntimeService runtime;
    private final HistoryService history;

    TicketProcesses(RuntimeService runtime, HistoryService history) {
        this.runtime = runtime;
        this.history = history;
    }

    @EventListener
    void on(TicketEventReceived event) {
        if ("Delete".equals(event.action())) {
            return;
        }
        String businessKey = Long.toString(event.ticketId());
        if (history.createHistoricProcessInstanceQuery().processDefinitionKey(TICKET_PROCESS)
                .processInstanceBusinessKey(businessKey).count() > 0) {
            log.info("Ticket {} already has a reset process; event {} starts none", event.ticketId(), event.eventId());
            return;
        }
        var instance = runtime.createProcessInstanceByKey(TICKET_PROCESS)
                .businessKey(businessKey)
                .setVariable(Variables.TICKET_ID, event.ticketId())
                .execute();
        log.info("Ticket {}: process {} started", event.ticketId(), instance.getId());
    }
}
