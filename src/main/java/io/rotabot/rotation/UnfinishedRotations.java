package io.rotabot.rotation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** At start-up, carries forward every rotation a crash or shutdown left half-way. */
@Component
class UnfinishedRotations {

    private static final Logger log = LoggerFactory.getLogger(UnfinishedRotations.class);

    private final Rotations rotations;
    private final PasswordRotation rotation;

    UnfinishedRotations(Rotations rotations, PasswordRotation rotation) {
        this.rotations = rotations;
        this.rotation = rotation;
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeAll() {
        for (Rotation unfinished : rotations.unfinished()) {
            try {
                Rotation resumed = rotation.resume(unfinished.id());
                log.info("Resumed rotation {} from {}: now {} ({})", unfinished.id(), unfinished.state(),
                        resumed.status().label(), resumed.reason());
            } catch (RuntimeException e) {
                log.warn("Rotation {} is still unfinished and will be retried: {}", unfinished.id(), e.getMessage());
            }
        }
    }
}
