package io.rotabot.workflow;

import io.rotabot.rotation.PasswordRotation;
import io.rotabot.rotation.Rotation;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Runs an accepted rotation once its time has come; the process waits on a timer until the next try while it
 * may not (the minimum password age, an outage, a vault that did not take the password).
 */
@Component("runRotation")
class RunRotationDelegate implements JavaDelegate {

    private final PasswordRotation rotation;

    RunRotationDelegate(PasswordRotation rotation) {
        this.rotation = rotation;
    }

    @Override
    public void execute(DelegateExecution execution) {
        report(execution, rotation.run((String) execution.getVariable(Variables.ROTATION_ID)));
    }

    /** Ids, statuses and when to try next (eligibleAt, an ISO instant, or null); never a password. */
    static void report(DelegateExecution execution, Rotation result) {
        execution.setVariable(Variables.ROTATION_ID, result.id());
        execution.setVariable(Variables.ACCOUNT_NAME, result.accountName());
        execution.setVariable(Variables.ROTATION_STATUS, result.status().label());
        execution.setVariable(Variables.ROTATION_REASON, result.reason());
        execution.setVariable(Variables.VAULT_RECORD_URL, result.vaultRecordUrl());
        execution.setVariable(Variables.ROTATION_FINISHED, result.status().finished());
        execution.setVariable(Variables.ELIGIBLE_AT, result.nextAttemptAt().map(Object::toString).orElse(null));
        execution.setVariable(Variables.FOLLOWS_ROTATION_ID, result.status().finished() ? null : result.follows().orElse(null));
    }
}
