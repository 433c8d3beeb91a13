package io.rotabot.intake;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code rotabot.autotask.webhook.*}.
 *
 * @param secret the ticket webhook's secret key, as registered in Autotask (at most 64 characters)
 * @param maxBodyBytes larger bodies are refused unread
 */
@Validated
@ConfigurationProperties("rotabot.autotask.webhook")
record WebhookProperties(@NotBlank @Size(max = 64) String secret, @DefaultValue("65536") @Positive int maxBodyBytes) {
}
