package io.rotabot.console;

import io.rotabot.audit.AuditTrail;
import io.rotabot.rotation.Rotation;
import io.rotabot.rotation.Rotations;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Read-only REST API for administrators: rotations with their statuses, and the audit trail. */
@RestController
class RotationsController {

    private final Rotations rotations;
    private final AuditTrail audit;

    RotationsController(Rotations rotations, AuditTrail audit) {
        this.rotations = rotations;
        this.audit = audit;
    }

    @GetMapping("/api/rotations")
    List<RotationView> rotations(@RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and 500");
        }
        return rotations.latest(limit).stream().map(RotationView::of).toList();
    }

    @GetMapping("/api/rotations/{id}")
    RotationView rotation(@PathVariable String id) {
        return rotations.find(id).map(RotationView::of)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No rotation " + id));
    }

    @GetMapping("/api/audit")
    List<AuditTrail.AuditEvent> audit(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and 1000");
        }
        return audit.latest(limit);
    }

    /** A rotation as users see it: the status by its label, the journal state for technicians. */
    record RotationView(String id, String organization, String account, String vaultRecordId, Long ticketId,
                        String status, String reason, String journalState, String vaultRecordUrl,
                        Instant createdAt, Instant updatedAt) {

        static RotationView of(Rotation r) {
            return new RotationView(r.id(), r.organizationKey(), r.accountName(), r.vaultRecordId(),
                    r.ticketId().orElse(null), r.status().label(), r.reason(), r.state().name(), r.vaultRecordUrl(),
                    r.createdAt(), r.updatedAt());
        }
    }
}
