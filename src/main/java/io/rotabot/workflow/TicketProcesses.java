package io.rotabot.workflow;

import io.rotabot.intake.TicketEventReceived;
import java.sql.Timestamp;
import java.time.Instant;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Starts the ticket process when a ticket is created (its Create event, or the catch-up job finding it),
 * in the transaction that dispatches the event. A ticket gets one reset process, ever: updates —
 * including the one our own note causes, and any change to a ticket from before Rotabot was installed —
 * start nothing. The ticket_processes primary key settles two starts racing on two nodes.
 */
@Component
class TicketProcesses {

    static final String TICKET_PROCESS = "ticket-password-reset";
    private static final Logger log = LoggerFactory.getLogger(TicketProcesses.class);

    private final RuntimeService runtime;
    private final HistoryService history;
    private final JdbcClient jdbc;

    TicketProcesses(RuntimeService runtime, HistoryService history, JdbcClient jdbc) {
        this.runtime = runtime;
        this.history = history;
        this.jdbc = jdbc;
    }

    @EventListener
    void on(TicketEventReceived event) {
        if (!"Create".equals(event.action())) {
            return;
        }
        String businessKey = Long.toString(event.ticketId());
        if (started(event.ticketId())) {
            log.info("Ticket {} already has a reset process; event {} starts none", event.ticketId(), event.eventId());
            return;
        }
        var instance = runtime.createProcessInstanceByKey(TICKET_PROCESS)
                .businessKey(businessKey)
                .setVariable(Variables.TICKET_ID, event.ticketId())
                .execute();
        jdbc.sql("insert into ticket_processes (ticket_id, process_instance_id, event_id, started_at) values (?, ?, ?, ?)")
                .params(event.ticketId(), instance.getId(), event.eventId(), Timestamp.from(Instant.now())).update();
        log.info("Ticket {}: process {} started", event.ticketId(), instance.getId());
    }

    /** Also asks the engine's history, for tickets whose process started before ticket_processes existed. */
    private boolean started(long ticketId) {
        return jdbc.sql("select count(*) from ticket_processes where ticket_id = ?").param(ticketId).query(Long.class).single() > 0
                || history.createHistoricProcessInstanceQuery().processDefinitionKey(TICKET_PROCESS)
                        .processInstanceBusinessKey(Long.toString(ticketId)).count() > 0;
    }
}
