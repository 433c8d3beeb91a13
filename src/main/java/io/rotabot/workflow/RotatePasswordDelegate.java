package io.rotabot.workflow;

import io.rotabot.rotation.PasswordRotation;
import io.rotabot.rotation.Rotation;
import io.rotabot.rotation.RotationRequest;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Rotates the matched credential. The process instance is the request key, so a retried job resumes the
 * rotation it began instead of generating a second password.
 */
@Component("rotatePassword")
class RotatePasswordDelegate implements JavaDelegate {

    private final PasswordRotation rotation;

    RotatePasswordDelegate(PasswordRotation rotation) {
        this.rotation = rotation;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Rotation result = rotation.rotate(new RotationRequest(
                "ticket-process:" + execution.getProcessInstanceId(),
                (String) execution.getVariable(Variables.ORGANIZATION_KEY),
                (String) execution.getVariable(Variables.ACCOUNT_ID),
                (String) execution.getVariable(Variables.VAULT_RECORD_ID),
                Optional.of((Long) execution.getVariable(Variables.TICKET_ID))));
        execution.setVariable(Variables.ROTATION_ID, result.id());
        execution.setVariable(Variables.ROTATION_STATUS, result.status().label());
        execution.setVariable(Variables.ROTATION_REASON, result.reason());
        execution.setVariable(Variables.VAULT_RECORD_URL, result.vaultRecordUrl());
    }
}
