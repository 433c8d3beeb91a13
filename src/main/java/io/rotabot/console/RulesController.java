package io.rotabot.console;

import io.rotabot.classify.Classification;
import io.rotabot.classify.RuleBaseException;
import io.rotabot.classify.TicketClassifier;
import io.rotabot.classify.TicketFacts;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * For workflow designers (administrators): which rule files are in service, reload them from the
 * rules folder without a restart, and dry-run a ticket — the decision with its reasons, acting on nothing.
 */
@RestController
class RulesController {

    private final TicketClassifier classifier;

    RulesController(TicketClassifier classifier) {
        this.classifier = classifier;
    }

    @GetMapping("/api/rules")
    TicketClassifier.RuleBase.Summary inService() {
        return classifier.summary();
    }

    /** Compiles the rules folder; only a rule base that compiles replaces the one in service. */
    @PostMapping("/api/rules/reload")
    TicketClassifier.RuleBase.Summary reload() {
        return classifier.reload();
    }

    @PostMapping("/api/rules/dry-run")
    Decision dryRun(@Valid @RequestBody DryRunTicket ticket) {
        Requester requester = ticket.requester() == null ? new Requester("", "") : ticket.requester();
        Classification decision = classifier.classify(new TicketFacts(ticket.title(), ticket.description(), ticket.issueType(),
                ticket.subIssueType(), ticket.queueId(), ticket.source(), requester.name(), requester.email(), ticket.company()));
        return new Decision(decision.intent().name(), decision.targets().stream()
                .map(t -> new Decision.Target(t.kind(), t.value(), t.looksPrivileged())).toList(),
                decision.privileged(), decision.scenario(), decision.firedRules());
    }

    @ExceptionHandler(RuleBaseException.class)
    ProblemDetail notCompiled(RuleBaseException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        problem.setTitle("The rules do not compile; the rule base in service is unchanged");
        problem.setProperty("problems", e.problems());
        return problem;
    }

    /**
     * A ticket as the rules see it; only the title or description is needed.
     *
     * @param issueType, subIssueType, queueId, source Autotask picklist values
     */
    record DryRunTicket(@NotNull @Size(max = 250) String title, @Size(max = 20_000) String description, Integer issueType,
                        Integer subIssueType, Integer queueId, Integer source, @Valid Requester requester,
                        @Size(max = 256) String company) {
    }

    record Requester(@Size(max = 256) String name, @Email @Size(max = 320) String email) {
    }

    /**
     * @param intent RESET, NOT_A_RESET or UNSURE
     * @param targets the accounts named besides the requester's
     * @param privileged whether an administrator's or a service account seems meant
     * @param scenario the process a reset would start
     * @param firedRules the rules that fired, as the reasons
     */
    record Decision(String intent, List<Target> targets, boolean privileged, String scenario, List<String> firedRules) {

        record Target(String kind, String value, boolean privileged) {
        }
    }
}
