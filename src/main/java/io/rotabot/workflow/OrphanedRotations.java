package io.rotabot.workflow;

import io.rotabot.rotation.PasswordRotation;
import io.rotabot.rotation.Rotation;
import io.rotabot.rotation.Rotations;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A rotation that waits — for the minimum password age, or for its next try after an outage or a vault
 * failure — is carried on by the timer of its password-rotation process. When that process is gone
 * (cancelled in Cockpit, deleted with its incident), the rotation would hold its account forever: this sweep
 * releases one that holds nothing a directory may have, and gives one whose directory may hold the password
 * its due try, as the timer would have. Rotations touched within the last interval are left alone, since
 * their process may still be starting; two nodes sweeping at once are harmless (the journal's writes are
 * compare-and-set).
 */
@Component
class OrphanedRotations {

    private static final Logger log = LoggerFactory.getLogger(OrphanedRotations.class);

    private final Rotations rotations;
    private final PasswordRotation rotation;
    private final RuntimeService runtime;
    private final Duration interval;

    OrphanedRotations(Rotations rotations, PasswordRotation rotation, RuntimeService runtime,
                      @Value("${rotabot.rotation.sweep-interval:10m}") Duration interval) {
        this.rotations = rotations;
        this.rotation = rotation;
        this.runtime = runtime;
        this.interval = interval;
    }

    @Scheduled(initialDelayString = "${rotabot.rotation.sweep-interval:10m}", fixedDelayString = "${rotabot.rotation.sweep-interval:10m}")
    void sweep() {
        Instant now = Instant.now();
        for (Rotation waiting : rotations.waitingSince(now.minus(interval))) {
            if (runtime.createProcessInstanceQuery().variableValueEquals(Variables.ROTATION_ID, waiting.id()).count() > 0) {
                continue;
            }
            try {
                if (!waiting.holdsPassword()) {
                    rotation.release(waiting.id(), "its process is gone");
                } else if (waiting.nextAttemptAt().map(at -> !at.isAfter(now)).orElse(true)) {
                    Rotation resumed = rotation.resume(waiting.id());
                    log.info("Rotation {} had no process; tried again: {} ({})", waiting.id(), resumed.status().label(), resumed.reason());
                }
            } catch (RuntimeException e) {
                log.warn("Rotation {} had no process and could not be carried on now: {}", waiting.id(), e.getMessage());
            }
        }
    }
}
