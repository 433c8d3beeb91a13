package io.rotabot.workflow;

import io.rotabot.rotation.RotationRequest;
import io.rotabot.rotation.RotationRequested;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Starts a password-rotation process for each requested rotation; each runs, waits and fails on its own. */
@Component
class RotationProcesses {

    static final String ROTATION_PROCESS = "password-rotation";

    private final RuntimeService runtime;

    RotationProcesses(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @EventListener
    void on(RotationRequested requested) {
        RotationRequest request = requested.request();
        var start = runtime.createProcessInstanceByKey(ROTATION_PROCESS)
                .businessKey(request.requestKey())
                .setVariable(Variables.REQUEST_KEY, request.requestKey())
                .setVariable(Variables.ORGANIZATION_KEY, request.organizationKey())
                .setVariable(Variables.ACCOUNT_ID, request.accountId())
                .setVariable(Variables.VAULT_RECORD_ID, request.vaultRecordId())
                .setVariable(Variables.TRIGGERED_BY, request.triggeredBy());
        request.batchId().ifPresent(batch -> start.setVariable(Variables.BATCH_ID, batch));
        request.ticketId().ifPresent(ticket -> start.setVariable(Variables.TICKET_ID, ticket));
        start.execute();
    }
}
