package io.rotabot.workflow;

import io.rotabot.classify.Classification;
import io.rotabot.classify.TicketClassifier;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The business rule step: the rule base decides whether the ticket asks for a password reset, and which scenario runs it. */
@Component("classifyTicket")
class ClassifyTicketDelegate implements JavaDelegate {

    private final TicketClassifier classifier;

    ClassifyTicketDelegate(TicketClassifier classifier) {
        this.classifier = classifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Classification classification = classifier.classifyTicket((Long) execution.getVariable(Variables.TICKET_ID));
        execution.setVariable(Variables.INTENT, classification.intent().name());
        execution.setVariable(Variables.FIRED_RULES, String.join("; ", classification.firedRules()));
        execution.setVariable(Variables.SCENARIO, classification.scenario());
        // how many and whether privileged, not the names: variables carry no ticket text
        execution.setVariable(Variables.TARGETS, classification.targets().size());
        execution.setVariable(Variables.PRIVILEGED, classification.privileged());
    }
}
