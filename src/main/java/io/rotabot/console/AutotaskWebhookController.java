package io.rotabot.console;

import io.rotabot.intake.WebhookSetup;
import io.rotabot.ticketing.WebhookRegistration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Registers Rotabot's ticket webhook in Autotask (administrators). */
@RestController
class AutotaskWebhookController {

    private final WebhookSetup setup;

    AutotaskWebhookController(WebhookSetup setup) {
        this.setup = setup;
    }

    @PostMapping("/api/autotask/webhook")
    WebhookRegistration register(@Valid @RequestBody Registration request) {
        return setup.register(request.publicUrl(), request.fields(), request.notificationEmail());
    }

    /**
     * @param publicUrl where Autotask reaches this Rotabot, e.g. https://rotabot.msp.example
     * @param fields ticket fields whose changes Autotask reports (default Status)
     * @param notificationEmail who Autotask tells about failing deliveries
     */
    record Registration(@NotBlank @Size(max = 2048) String publicUrl, @Size(max = 20) List<String> fields,
                        @Size(max = 320) String notificationEmail) {
    }
}
