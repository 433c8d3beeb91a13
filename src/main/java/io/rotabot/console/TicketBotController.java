package io.rotabot.console;

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
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ticket bot's guards — global and per organization (deleting an organization's brings the global
 * ones back) — and what the bot decided for a ticket's accounts. Invalid settings are refused with the
 * field named; nothing is saved.
 */
@RestController
class TicketBotController {

    private final TicketBotPolicies policies;
    private final TicketBot bot;

    TicketBotController(TicketBotPolicies policies, TicketBot bot) {
        this.policies = policies;
        this.bot = bot;
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

    /** Every field is required, so a typo in a name is an error, not a silent default. */
    record SettingsRequest(@NotNull Boolean ticketResets, @NotNull Boolean unlockOnReset, @NotNull Boolean mustChangeAtNextLogon,
                           @NotNull @Min(1) @Max(1000) Integer resetsPerHour, @NotNull @Size(max = 200) List<String> authorisedContacts) {

        TicketBotSettings toSettings() {
            return new TicketBotSettings(ticketResets, unlockOnReset, mustChangeAtNextLogon, resetsPerHour, authorisedContacts);
        }
    }
}
