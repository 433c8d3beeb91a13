package io.rotabot.console;

import io.rotabot.audit.AuditTrail;
import io.rotabot.matching.Matches;
import io.rotabot.organization.Organizations;
import io.rotabot.rotation.PasswordRotation;
import io.rotabot.rotation.Rotation;
import io.rotabot.rotation.RotationRequest;
import io.rotabot.rotation.RotationRequested;
import io.rotabot.rotation.RotationStatus;
import io.rotabot.rotation.Rotations;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Rotations for administrators: rotate one record or many (each its own rotation, one failure never
 * stopping the others), follow them, list by organization, status or bulk request, try a waiting one again
 * or release one whose process is gone; and the audit trail.
 */
@RestController
class RotationsController {

    private final Rotations rotations;
    private final AuditTrail audit;
    private final Organizations organizations;
    private final Matches matches;
    private final ApplicationEventPublisher events;
    private final PasswordRotation rotation;

    RotationsController(Rotations rotations, AuditTrail audit, Organizations organizations, Matches matches,
                        ApplicationEventPublisher events, PasswordRotation rotation) {
        this.rotation = rotation;
        this.rotations = rotations;
        this.audit = audit;
        this.organizations = organizations;
        this.matches = matches;
        this.events = events;
    }

    /**
     * Starts a rotation for each record that is the approved match of an account; says at once which
     * records cannot be rotated and why. Follow the rest with {@code GET /api/rotations?batch=…}.
     */
    @PostMapping("/api/rotations")
    @Transactional
    ResponseEntity<BulkAnswer> rotate(@Valid @RequestBody BulkRequest request, Principal who) {
        String batch = UUID.randomUUID().toString();
        List<Refusal> refused = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int started = 0;
        for (RecordToRotate item : request.rotations()) {
            if (!seen.add(item.organization() + "/" + item.vaultRecordId())) {
                refused.add(new Refusal(item.organization(), item.vaultRecordId(), "named twice in this request"));
                continue;
            }
            if (organizations.byKey(item.organization()).isEmpty()) {
                refused.add(new Refusal(item.organization(), item.vaultRecordId(), "no organization " + item.organization()));
                continue;
            }
            Optional<String> account = matches.accountMatchedTo(item.organization(), item.vaultRecordId());
            if (account.isEmpty()) {
                refused.add(new Refusal(item.organization(), item.vaultRecordId(),
                        "Not Permitted: the record is not the approved match of any account"));
                continue;
            }
            events.publishEvent(new RotationRequested(RotationRequest.inBatch(batch, started, item.organization(),
                    account.get(), item.vaultRecordId(), "api " + who.getName())));
            started++;
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new BulkAnswer(batch, started, refused, "/api/rotations?batch=" + batch));
    }

    @GetMapping("/api/rotations")
    List<RotationView> rotations(@RequestParam Optional<String> organization, @RequestParam Optional<RotationStatus> status,
                                 @RequestParam Optional<String> batch, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and 1000");
        }
        return rotations.list(organization, status, batch, limit).stream().map(RotationView::of).toList();
    }

    @GetMapping("/api/rotations/{id}")
    RotationView rotation(@PathVariable String id) {
        return rotations.find(id).map(RotationView::of)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No rotation " + id));
    }

    /**
     * Tries a rotation again now: one waiting after an outage ({@code API Error}), one whose directory holds
     * the password while the vault did not take it ({@code Vault update pending}), or one kept for
     * {@code Recovery needed}. Answers the rotation as it is after the try; 404 for an unknown rotation, 409
     * when there is nothing to try again or another rotation holds the account.
     */
    @PostMapping("/api/rotations/{id}/retry")
    RotationView retry(@PathVariable String id, Principal who) {
        known(id);
        try {
            return RotationView.of(rotation.retry(id, "api " + who.getName()));
        } catch (IllegalStateException nothingToRetry) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, nothingToRetry.getMessage());
        }
    }

    /**
     * Releases a rotation that holds nothing a directory may have (accepted and waiting, or generated but never
     * sent), so its account can be rotated again — for a rotation whose process is gone. 404 for an unknown
     * rotation; 409 when a directory may hold its password (retry it instead) or it has ended.
     */
    @DeleteMapping("/api/rotations/{id}")
    RotationView release(@PathVariable String id, Principal who) {
        known(id);
        try {
            return RotationView.of(rotation.release(id, "by api " + who.getName()));
        } catch (IllegalStateException held) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, held.getMessage());
        }
    }

    /**
     * Recovers the password a rotation holds ({@code Vault update pending}, {@code Recovery needed}) into a
     * vault record: {@code {"vaultRecordId":"…"}} for a record of the same organization (the matched one again,
     * or another), or {@code {}} for a new record of the organization. The password goes to the vault only.
     * 404 unknown rotation, 400 a record that cannot take it, 409 nothing to recover or the vault refused.
     */
    @PostMapping("/api/rotations/{id}/recover")
    RotationView recover(@PathVariable String id, @RequestBody(required = false) RecoveryRequest request, Principal who) {
        known(id);
        Optional<String> into = Optional.ofNullable(request).map(RecoveryRequest::vaultRecordId).filter(r -> !r.isBlank());
        try {
            return RotationView.of(rotation.recover(id, into, "api " + who.getName()));
        } catch (IllegalStateException refused) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, refused.getMessage());
        }
    }

    /** Where a held password goes: a record of the rotation's organization, or (none) a new record. */
    record RecoveryRequest(@Size(max = 64) String vaultRecordId) {
    }

    private void known(String id) {
        if (rotations.find(id).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No rotation " + id);
        }
    }

    @GetMapping("/api/audit")
    List<AuditTrail.AuditEvent> audit(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and 1000");
        }
        return audit.latest(limit);
    }

    record BulkRequest(@NotEmpty @Size(max = 1000) List<@Valid RecordToRotate> rotations) {
    }

    record RecordToRotate(@NotBlank String organization, @NotBlank String vaultRecordId) {
    }

    record Refusal(String organization, String vaultRecordId, String reason) {
    }

    record BulkAnswer(String batch, int started, List<Refusal> refused, String follow) {
    }

    /**
     * A rotation as users see it: the status by its label, the journal state for technicians, when it goes on
     * by itself (nextAttemptAt) and whether the directory's bind check failed (unverified).
     */
    record RotationView(String id, String organization, String account, String vaultRecordId, Long ticketId,
                        String status, String reason, String journalState, String vaultRecordUrl, Instant eligibleAt,
                        Instant nextAttemptAt, boolean unverified, String triggeredBy, String batch, String policy,
                        String vaultRevision, Instant createdAt, Instant updatedAt) {

        static RotationView of(Rotation r) {
            return new RotationView(r.id(), r.organizationKey(), r.accountName(), r.vaultRecordId(),
                    r.ticketId().orElse(null), r.status().label(), r.reason(), r.state().name(), r.vaultRecordUrl(),
                    r.eligibleAt().orElse(null), r.nextAttemptAt().orElse(null), r.unverified(), r.triggeredBy(), r.batchId().orElse(null), r.policy(), r.vaultRevision(),
                    r.createdAt(), r.updatedAt());
        }
    }
}
