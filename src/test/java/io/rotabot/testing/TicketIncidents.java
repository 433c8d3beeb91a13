package io.rotabot.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;

/** An outage longer than a step's retry cycle, without waiting it out: the failing step's next failure is its last. */
public final class TicketIncidents {

    private TicketIncidents() {
    }

    /**
     * Waits until a step of the ticket's process fails, leaves it one retry, due now, and waits until that
     * one fails too and the step is an incident.
     *
     * @return the job that has no retries left
     */
    public static Job stopInAnIncident(HistoryService history, ManagementService management, long ticketId) {
        Job failing = await().atMost(Duration.ofSeconds(60)).until(() -> Optional.ofNullable(history.createHistoricProcessInstanceQuery()
                        .processDefinitionKey("ticket-password-reset").processInstanceBusinessKey(Long.toString(ticketId)).singleResult())
                .map(process -> management.createJobQuery().processInstanceId(process.getId()).withException().singleResult())
                .orElse(null), job -> job != null);
        management.setJobRetries(1).jobId(failing.getId()).dueDate(new Date()).execute();
        return await().atMost(Duration.ofSeconds(60)).until(() -> management.createJobQuery().jobId(failing.getId())
                .noRetriesLeft().singleResult(), job -> job != null);
    }
}
