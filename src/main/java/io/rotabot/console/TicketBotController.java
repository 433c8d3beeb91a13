package io.rotabot.console;

import io.rotabot.intake.RetryTicketProcess;
import io.rotabot.intake.TicketRetry;
import io.rotabot.ticketbot.TicketBot;
import io.rotabot.ticketbot.TicketBotPolicies;
import io.rotabot.ticketbot.TicketBotSettings;
import io.rotabot.ticketbot.TicketTarget;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ticket bot's guards — global and per organization (deleting an organization's brings the global
 * ones back) — what the bot decided for a ticket's accounts, and the retry of a ticket whose process
 * stopped in an incident. Invalid settings are refused with the field named; nothing is saved.
 */
@RestController
class TicketBotController {

    private final TicketBotPolicies policies;
    private final TicketBot bot;
    private final RetryTicketProcess retries;

    TicketBotController(TicketBotPolicies policies, TicketBot bot, RetryTicketProcess retries) {
        this.policies = policies;
        this.bot = bot;
        this.retries = retries;
    }

    @GetMapping("/api/ticket-bot/settings")
    TicketBotSettings global() {
        return policies.global();
    }

    @PutMapping("/api/ticket-bot/settings")
    TicketBotSettings updateGlobal(@Valid @RequestBody SettingsRequest request) {
        policies.updateGlobal(request.toSettings());
        return policies.global();
    }

    @GetMapping("/api/ticket-bot/organizations")
    Map<String, TicketBotSettings> organizations() {
        return policies.organizations();
    }

    @GetMapping("/api/ticket-bot/organizations/{organization}")
    ResponseEntity<TicketBotSettings> organization(@PathVariable String organization) {
        return ResponseEntity.of(policies.of(organization));
    }

    @PutMapping("/api/ticket-bot/organizations/{organization}")
    ResponseEntity<TicketBotSettings> save(@PathVariable String organization, @Valid @RequestBody SettingsRequest request) {
        boolean replaced = policies.save(organization, request.toSettings());
        return ResponseEntity.status(replaced ? HttpStatus.OK : HttpStatus.CREATED).body(policies.of(organization).orElseThrow());
    }

    @DeleteMapping("/api/ticket-bot/organizations/{organization}")
    ResponseEntity<Void> delete(@PathVariable String organization) {
        return policies.delete(organization) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

    /** The accounts a ticket asked for, with the guards' or the technician's decision and the outcome. */
    @GetMapping("/api/tickets/{ticketId}/targets")
    List<TicketTarget> targets(@PathVariable long ticketId) {
        return bot.targets(ticketId);
    }

    /**
     * Runs again the steps of the ticket's process that used up their retries (incidents), with a full
     * retry cycle each; never starts a second process. 202 with the {@link TicketRetry} (the steps
     * retried); 404 when Rotabot has no process for the ticket; 409 when its process has no such step
     * (still running with retries left, or ended), with its state in the detail.
     */
    @PostMapping("/api/tickets/{ticketId}/retry")
    ResponseEntity<?> retry(@PathVariable long ticketId) {
        TicketRetry retry = retries.retry(ticketId);
        return switch (retry.result()) {
            case RETRIED -> ResponseEntity.accepted().body(retry);
            case NO_PROCESS -> problem(HttpStatus.NOT_FOUND, "No process for this ticket", retry.detail());
            case NOTHING_TO_RETRY -> problem(HttpStatus.CONFLICT, "Nothing to retry; nothing was changed", retry.detail());
        };
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }

    /** Every field is required, so a typo in a name is an error, not a silent default. */
    record SettingsRequest(@NotNull Boolean ticketResets, @NotNull Boolean unlockOnReset, @NotNull Boolean mustChangeAtNextLogon,
                           @NotNull @Min(1) @Max(1000) Integer resetsPerHour, @NotNull @Size(max = 200) List<String> authorisedContacts) {

        TicketBotSettings toSettings() {
            return new TicketBotSettings(ticketResets, unlockOnReset, mustChangeAtNextLogon, resetsPerHour, authorisedContacts);
        }
    }
}
