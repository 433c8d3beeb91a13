package io.rotabot.console;

import io.rotabot.notify.Subscribers;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Opting in to rotation e-mails: for one organization, or "*" for all. */
@RestController
class NotificationsController {

    private final Subscribers subscribers;

    NotificationsController(Subscribers subscribers) {
        this.subscribers = subscribers;
    }

    @GetMapping("/api/notifications/subscribers")
    List<Map<String, String>> subscribers() {
        return subscribers.all();
    }

    @PostMapping("/api/notifications/subscribers")
    ResponseEntity<?> subscribe(@Valid @RequestBody Subscription request) {
        try {
            subscribers.subscribe(request.email(), request.organization());
            return ResponseEntity.noContent().build();
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
        }
    }

    @DeleteMapping("/api/notifications/subscribers")
    ResponseEntity<Void> unsubscribe(@Valid @RequestBody Subscription request) {
        return subscribers.unsubscribe(request.email(), request.organization())
                ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

    record Subscription(@NotBlank String email, @NotBlank String organization) {
    }
}
