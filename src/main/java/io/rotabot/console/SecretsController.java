package io.rotabot.console;

import io.rotabot.security.ConfigurationSecrets;
import io.rotabot.security.Secret;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Encrypts a secret for configuration ({@code {cipher}…}); the value is neither stored nor logged. */
@RestController
class SecretsController {

    private final ConfigurationSecrets secrets;

    SecretsController(ConfigurationSecrets secrets) {
        this.secrets = secrets;
    }

    @PostMapping("/api/secrets")
    Map<String, String> encrypt(@Valid @RequestBody PlainSecret request) {
        try (Secret secret = Secret.of(request.value())) {
            return Map.of("encrypted", secrets.encrypt(secret));
        }
    }

    /** @param value the secret in clear */
    record PlainSecret(@NotBlank @Size(max = 4096) String value) {

        @Override
        public String toString() {
            return "PlainSecret[redacted]";
        }
    }
}
