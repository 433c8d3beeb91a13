package io.rotabot.workflow;

import io.rotabot.intake.RetryTicketProcess;
import io.rotabot.intake.TicketEventReceived;
import io.rotabot.intake.TicketRetry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Starts the ticket process when a ticket is created (its Create event, or the catch-up job finding it),
 * in the transaction that dispatches the event. A ticket gets one reset process, ever: updates —
 * including the one our own note causes, and any change to a ticket from before Rotabot was installed —
 * start nothing. The ticket_processes primary key settles two starts racing on two nodes. A process that
 * stopped in an incident is retried, never started again.
 */
@Component
class TicketProcesses implements RetryTicketProcess {

    static final String TICKET_PROCESS = "ticket-password-reset";
    private static final Logger log = LoggerFactory.getLogger(TicketProcesses.class);

    private final RuntimeService runtime;
    private final HistoryService history;
    private final ManagementService management;
    private final RetryCycles cycles;
    private final JdbcClient jdbc;

    TicketProcesses(RuntimeService runtime, HistoryService history, ManagementService management, RetryCycles cycles,
                    JdbcClient jdbc) {
        this.runtime = runtime;
        this.history = history;
        this.management = management;
        this.cycles = cycles;
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

    /**
     * Every job of the ticket's process tree (its called scenarios too) that has no retries left gets the
     * outage cycle's retries again and is due now; the engine resolves their incidents.
     */
    @Override
    public TicketRetry retry(long ticketId) {
        Optional<HistoricProcessInstance> process = process(ticketId);
        if (process.isEmpty()) {
            return new TicketRetry(ticketId, TicketRetry.Result.NO_PROCESS, List.of(),
                    "Rotabot has no process for ticket " + ticketId + ": its creation has not reached Rotabot (or waits in the "
                    + "inbox), or the process ended so long ago that the engine's history of it is gone");
        }
        List<Job> stopped = management.createJobQuery().processInstanceIds(tree(process.get().getId())).noRetriesLeft().list();
        if (stopped.isEmpty()) {
            return new TicketRetry(ticketId, TicketRetry.Result.NOTHING_TO_RETRY, List.of(), "Ticket " + ticketId
                    + "'s process has no step that used up its retries: " + state(process.get()));
        }
        management.setJobRetries(cycles.outageRetries()).jobIds(stopped.stream().map(Job::getId).toList())
                .dueDate(new Date()).execute();
        List<String> steps = stopped.stream().map(Job::getFailedActivityId).distinct().sorted().toList();
        log.warn("Ticket {}: retrying {} of process {}", ticketId, steps, process.get().getId());
        return new TicketRetry(ticketId, TicketRetry.Result.RETRIED, steps, "Ticket " + ticketId + "'s process runs "
                + String.join(", ", steps) + " again, with " + cycles.outageRetries() + " tries");
    }

    /** The running process and the scenarios it called, and theirs. */
    private Set<String> tree(String processInstanceId) {
        Set<String> tree = new HashSet<>();
        Deque<String> open = new ArrayDeque<>(List.of(processInstanceId));
        while (!open.isEmpty()) {
            String next = open.pop();
            if (tree.add(next)) {
                runtime.createProcessInstanceQuery().superProcessInstanceId(next).list().forEach(called -> open.push(called.getId()));
            }
        }
        return tree;
    }

    /** The ticket's reset process, running or ended. */
    private Optional<HistoricProcessInstance> process(long ticketId) {
        Optional<String> id = jdbc.sql("select process_instance_id from ticket_processes where ticket_id = ?").param(ticketId)
                .query(String.class).optional();
        var query = history.createHistoricProcessInstanceQuery().processDefinitionKey(TICKET_PROCESS);
        return Optional.ofNullable(id.isPresent() ? query.processInstanceId(id.get()).singleResult()
                : query.processInstanceBusinessKey(Long.toString(ticketId)).singleResult());
    }

    private String state(HistoricProcessInstance process) {
        if (process.getEndTime() == null) {
            return "it is running, and a step that fails is tried again on its own";
        }
        if (process.getEndActivityId() == null) {
            return "it was cancelled at " + process.getEndTime().toInstant()
                    + (process.getDeleteReason() == null ? "" : " (" + process.getDeleteReason() + ")");
        }
        String end = Optional.ofNullable(history.createHistoricActivityInstanceQuery().processInstanceId(process.getId())
                        .activityId(process.getEndActivityId()).singleResult())
                .map(HistoricActivityInstance::getActivityName).filter(name -> name != null && !name.isBlank())
                .orElse(process.getEndActivityId());
        return "it ended (" + end + ") at " + process.getEndTime().toInstant();
    }

    /** Also asks the engine's history, for tickets whose process started before ticket_processes existed. */
    private boolean started(long ticketId) {
        return jdbc.sql("select count(*) from ticket_processes where ticket_id = ?").param(ticketId).query(Long.class).single() > 0
                || history.createHistoricProcessInstanceQuery().processDefinitionKey(TICKET_PROCESS)
                        .processInstanceBusinessKey(Long.toString(ticketId)).count() > 0;
    }
}
