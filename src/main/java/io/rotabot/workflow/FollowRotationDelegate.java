package io.rotabot.workflow;

import io.rotabot.rotation.PasswordRotation;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** A ticket's rotation that found another one of the account running: takes that one's outcome once it has ended. */
@Component("followRotation")
class FollowRotationDelegate implements JavaDelegate {

    private final PasswordRotation rotation;

    FollowRotationDelegate(PasswordRotation rotation) {
        this.rotation = rotation;
    }

    @Override
    public void execute(DelegateExecution execution) {
        RunRotationDelegate.report(execution, rotation.followUp((String) execution.getVariable(Variables.ROTATION_ID)));
    }
}
