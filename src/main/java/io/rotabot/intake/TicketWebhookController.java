package io.rotabot.intake;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Receives Autotask ticket webhooks. Autotask waits 10 seconds and then retries, so the answer comes
 * as soon as the event is stored; the ticket process runs on the engine's job executor.
 */
@RestController
@EnableConfigurationProperties(WebhookProperties.class)
class TicketWebhookController {

    private static final Logger log = LoggerFactory.getLogger(TicketWebhookController.class);

    private final TicketInbox inbox;
    private final WebhookDeactivations deactivations;
    private final WebhookSignature signature;
    private final ObjectMapper json;
    private final int maxBodyBytes;

    TicketWebhookController(TicketInbox inbox, WebhookDeactivations deactivations, WebhookProperties properties,
                            ObjectMapper json) {
        this.inbox = inbox;
        this.deactivations = deactivations;
        this.signature = new WebhookSignature(properties.secret());
        this.json = json;
        this.maxBodyBytes = properties.maxBodyBytes();
    }

    @PostMapping("/webhooks/autotask/tickets")
    ResponseEntity<?> receive(HttpServletRequest request,
                              @RequestHeader(name = "X-Hook-Signature", required = false) String hookSignature)
            throws IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            return problem(HttpStatus.PAYLOAD_TOO_LARGE, "The body is larger than " + maxBodyBytes + " bytes");
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(maxBodyBytes + 1);
        }
        if (body.length > maxBodyBytes) {
            return problem(HttpStatus.PAYLOAD_TOO_LARGE, "The body is larger than " + maxBodyBytes + " bytes");
        }
        if (!signature.verify(hookSignature, body)) {
            log.warn("Ticket webhook refused: {} X-Hook-Signature", hookSignature == null ? "no" : "a wrong");
            return problem(HttpStatus.UNAUTHORIZED, "Missing or wrong X-Hook-Signature");
        }
        if (!isJson(request.getContentType())) {
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The body must be application/json");
        }
        TicketEvent event;
        try {
            event = TicketEvent.parse(json.readTree(body));
        } catch (JacksonException e) {
            return problem(HttpStatus.BAD_REQUEST, "The body is not valid JSON");
        } catch (IllegalArgumentException e) {
            return problem(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        MDC.put("ticketId", Long.toString(event.ticketId()));
        try {
            boolean fresh = inbox.accept(event, body);
            deactivations.clear();
            log.info("Ticket webhook {} for ticket {} {}", event.action(), event.ticketId(), fresh ? "accepted" : "was a repeat");
            return ResponseEntity.status(fresh ? HttpStatus.ACCEPTED : HttpStatus.OK)
                    .body(Map.of("ticketId", event.ticketId(), "status", fresh ? "accepted" : "duplicate"));
        } finally {
            MDC.remove("ticketId");
        }
    }

    /**
     * Autotask calls the deactivation URL when it disables the webhook. The URL carries a key derived
     * from the webhook secret (see {@link WebhookSetup}); without it, nothing is raised.
     */
    @RequestMapping(path = "/webhooks/autotask/deactivated", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<?> deactivated(HttpServletRequest request, @RequestParam(name = "key", required = false) String key) {
        if (!signature.verifyDeactivationKey(key)) {
            log.warn("Deactivation call refused: {} key", key == null ? "no" : "a wrong");
            return problem(HttpStatus.UNAUTHORIZED, "Missing or wrong key");
        }
        deactivations.raise("Autotask called the deactivation URL from " + request.getRemoteAddr());
        return ResponseEntity.ok(Map.of("status", "alert raised"));
    }

    private static boolean isJson(String contentType) {
        try {
            return contentType != null && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (IllegalArgumentException unparsable) {
            return false;
        }
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
