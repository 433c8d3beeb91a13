package io.rotabot.workflow;

import io.rotabot.directory.ResetOptions;
import io.rotabot.rotation.PasswordRotation;
import io.rotabot.rotation.Rotation;
import io.rotabot.rotation.RotationRequest;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Checks and accepts a rotation request. The request key is the caller's (a bulk request's item, a
 * ticket's account) or this process instance, so a retried job finds the rotation it accepted instead of
 * starting another. A ticket's caller says whether the reset also unlocks and asks for a change at next logon.
 */
@Component("prepareRotation")
class PrepareRotationDelegate implements JavaDelegate {

    private final PasswordRotation rotation;

    PrepareRotationDelegate(PasswordRotation rotation) {
        this.rotation = rotation;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String requestKey = execution.hasVariable(Variables.REQUEST_KEY) ? (String) execution.getVariable(Variables.REQUEST_KEY)
                : "process:" + execution.getProcessInstanceId();
        Rotation accepted = rotation.prepare(new RotationRequest(requestKey,
                (String) execution.getVariable(Variables.ORGANIZATION_KEY),
                (String) execution.getVariable(Variables.ACCOUNT_ID),
                (String) execution.getVariable(Variables.VAULT_RECORD_ID),
                Optional.ofNullable((Long) execution.getVariable(Variables.TICKET_ID)),
                (String) execution.getVariable(Variables.TRIGGERED_BY),
                Optional.ofNullable((String) execution.getVariable(Variables.BATCH_ID)),
                new ResetOptions(flag(execution, Variables.UNLOCK_ACCOUNT), flag(execution, Variables.MUST_CHANGE_PASSWORD))));
        RunRotationDelegate.report(execution, accepted);
    }

    private static boolean flag(DelegateExecution execution, String name) {
        return Boolean.TRUE.equals(execution.getVariable(name));
    }
}
