package io.rotabot.ticketing.autotask;

import io.rotabot.ExternalCalls;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code rotabot.autotask.*}: the API user, where its database's zone lives, how much of the
 * database's shared request budget this Rotabot may use, and the timeouts, tries and waits that bound how
 * long one call can hold a job thread ({@link #bounds()}; application.yaml shows the arithmetic against
 * the job lock).
 *
 * @param baseUrl the zone's REST root, e.g. https://webservices14.autotask.net/ATServicesRest; empty: discovered
 * @param zoneLookupUrl where the zone is asked for when no base URL is set
 * @param apiIntegrationCode the integration's tracking identifier
 * @param username the API user (API only security level)
 * @param secret its secret (from the environment)
 * @param hourlyBudget the requests per hour Autotask allows the database, shared by every integration
 * @param budgetShare the part of that budget this Rotabot node may use (0.5 for one of two nodes)
 * @param maxConcurrentPerEndpoint Autotask allows 3 concurrent calls per endpoint and integration code
 * @param noteType the instance's picklist value of the note type for Rotabot's notes
 * @param notePublish the instance's picklist value of who may see them
 * @param statusOnSuccess the ticket status (picklist value) to set after a successful reset; empty: unchanged
 * @param statusOnFailure the ticket status to set when Rotabot could not reset; empty: unchanged
 * @param connectTimeout TCP connect limit
 * @param readTimeout limit for one answer
 * @param maxAttempts tries of one request when throttled, failing with 5xx or timing out
 * @param firstBackoff the wait before the second try when no Retry-After is given; doubles each time
 * @param maxWait the longest wait between tries; a Retry-After asking for more fails the call at once
 * @param endpointWait the longest a try waits for a free one of its endpoint's concurrent calls
 * @param maxConcurrentCalls Autotask calls (all endpoints) that may run at once on this node, so a hang holds no more threads
 * @param concurrentCallsWait the longest a call waits for one of those places before it fails
 * @param breakerOpenWait how long calls pause once half of the last 20 failed
 */
@Validated
@ConfigurationProperties("rotabot.autotask")
record AutotaskProperties(URI baseUrl,
                          @NotNull @DefaultValue("https://webservices.autotask.net/ATServicesRest") URI zoneLookupUrl,
                          @NotBlank String apiIntegrationCode, @NotBlank String username, @NotBlank String secret,
                          @DefaultValue("10000") @Positive int hourlyBudget,
                          @DefaultValue("1.0") @DecimalMin("0.01") @DecimalMax("1.0") double budgetShare,
                          @DefaultValue("3") @Positive @Max(3) int maxConcurrentPerEndpoint,
                          @DefaultValue("1") int noteType, @DefaultValue("1") int notePublish,
                          Integer statusOnSuccess, Integer statusOnFailure,
                          @DefaultValue("5s") Duration connectTimeout, @DefaultValue("30s") Duration readTimeout,
                          @DefaultValue("3") @Positive int maxAttempts, @DefaultValue("2s") Duration firstBackoff,
                          @DefaultValue("15s") Duration maxWait, @DefaultValue("5s") Duration endpointWait,
                          @DefaultValue("3") @Positive int maxConcurrentCalls, @DefaultValue("5s") Duration concurrentCallsWait,
                          @DefaultValue("30s") Duration breakerOpenWait) {

    /** The requests per hour this node may send. */
    int nodeBudget() {
        return Math.max(1, (int) Math.floor(hourlyBudget * budgetShare));
    }

    /**
     * The worst case of one Autotask call: it waits for a place, each try for its endpoint, then connects
     * and reads (the hourly budget never waits).
     */
    ExternalCalls.Bounds bounds() {
        return new ExternalCalls.Bounds(maxAttempts, concurrentCallsWait, endpointWait, connectTimeout, readTimeout, maxWait);
    }
}
