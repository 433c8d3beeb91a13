package io.rotabot.workflow;

import io.rotabot.rotation.ScheduledRotations;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Starts the rotations the schedule has made due, each its own password-rotation process. */
@Component("startScheduledRotations")
class ScheduledRotationDelegate implements JavaDelegate {

    private final ScheduledRotations scheduled;

    ScheduledRotationDelegate(ScheduledRotations scheduled) {
        this.scheduled = scheduled;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable("started", scheduled.startDue());
    }
}
