package io.rotabot.ticketing.autotask;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code rotabot.autotask.*}: the API user and where its database's zone lives.
 *
 * @param baseUrl the zone's REST root, e.g. https://webservices14.autotask.net/ATServicesRest
 * @param apiIntegrationCode the integration's tracking identifier
 * @param username the API user (API only security level)
 * @param secret its secret (from the environment)
 * @param noteType the instance's picklist value of the note type for Rotabot's notes
 * @param notePublish the instance's picklist value of who may see them
 * @param connectTimeout TCP connect limit
 * @param readTimeout limit for one answer
 * @param maxAttempts tries of one request when throttled or failing with 5xx
 * @param firstBackoff the wait before the second try when no Retry-After is given; doubles each time
 * @param maxWait the longest wait between tries
 */
@Validated
@ConfigurationProperties("rotabot.autotask")
record AutotaskProperties(@NotNull URI baseUrl, @NotBlank String apiIntegrationCode, @NotBlank String username,
                          @NotBlank String secret, @DefaultValue("1") int noteType, @DefaultValue("1") int notePublish,
                          @DefaultValue("5s") Duration connectTimeout, @DefaultValue("30s") Duration readTimeout,
                          @DefaultValue("4") @Positive int maxAttempts, @DefaultValue("2s") Duration firstBackoff,
                          @DefaultValue("2m") Duration maxWait) {
}
