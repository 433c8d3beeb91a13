package io.rotabot.console;

import io.rotabot.policy.EffectiveSettings;
import io.rotabot.policy.PasswordPolicies;
import io.rotabot.policy.RotationSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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
 * The global settings, the organization rules that override them, and what is in force for an
 * organization. Invalid settings are refused with the field named; nothing is saved.
 */
@RestController
class SettingsController {

    private final PasswordPolicies policies;

    SettingsController(PasswordPolicies policies) {
        this.policies = policies;
    }

    @GetMapping("/api/settings")
    RotationSettings global() {
        return policies.global();
    }

    @PutMapping("/api/settings")
    RotationSettings updateGlobal(@Valid @RequestBody SettingsRequest request) {
        policies.updateGlobal(request.toSettings());
        return policies.global();
    }

    @GetMapping("/api/organization-rules")
    Map<String, RotationSettings> rules() {
        return policies.rules();
    }

    @GetMapping("/api/organization-rules/{organization}")
    ResponseEntity<RotationSettings> rule(@PathVariable String organization) {
        return ResponseEntity.of(policies.rule(organization));
    }

    @PutMapping("/api/organization-rules/{organization}")
    ResponseEntity<RotationSettings> saveRule(@PathVariable String organization, @Valid @RequestBody SettingsRequest request) {
        boolean replaced = policies.saveRule(organization, request.toSettings());
        return ResponseEntity.status(replaced ? HttpStatus.OK : HttpStatus.CREATED).body(policies.rule(organization).orElseThrow());
    }

    @DeleteMapping("/api/organization-rules/{organization}")
    ResponseEntity<Void> deleteRule(@PathVariable String organization) {
        return policies.deleteRule(organization) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

    @GetMapping("/api/organizations/{organization}/effective-settings")
    EffectiveSettings effective(@PathVariable String organization) {
        return policies.effectiveFor(organization);
    }

    /** Every field is required, so a typo in a name is an error, not a silent default. */
    record SettingsRequest(@NotNull Boolean rotationEnabled, @NotNull @Min(8) @Max(256) Integer minimumLength,
                           @NotNull Boolean uppercase, @NotNull Boolean lowercase, @NotNull Boolean digit, @NotNull Boolean symbol,
                           @NotNull Boolean scheduledRotation, @NotNull @Min(1) @Max(365) Integer frequencyDays,
                           @NotNull Boolean respectMinimumAge) {

        RotationSettings toSettings() {
            return new RotationSettings(rotationEnabled, minimumLength, uppercase, lowercase, digit, symbol, scheduledRotation,
                    frequencyDays, respectMinimumAge);
        }
    }
}
