package io.rotabot.vault.itglue;

import io.rotabot.ExternalCalls;
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
 * {@code rotabot.itglue.*}. The timeouts, tries and waits bound how long one call can hold a job
 * thread ({@link #bounds()}); application.yaml shows the arithmetic against the job lock.
 *
 * @param baseUrl the regional API: https://api.itglue.com, https://api.eu.itglue.com or https://api.au.itglue.com
 * @param apiKey an API key with Password Access (from the environment)
 * @param connectTimeout TCP connect limit
 * @param readTimeout limit for one answer
 * @param maxAttempts tries of one request when throttled or failing with 5xx
 * @param firstBackoff the wait before the second try when no Retry-After is given; doubles each time
 * @param maxWait the longest wait between tries; a Retry-After asking for more fails the call at once
 * @param requestsPer5Minutes the account's request budget
 * @param rateLimitWait the longest a try waits for the budget before the call fails
 * @param maxConcurrentCalls IT Glue calls that may run at once on this node, so a hang holds no more threads
 * @param concurrentCallsWait the longest a call waits for one of those places before it fails
 * @param pageSize records per page when listing (IT Glue allows up to 1000)
 */
@Validated
@ConfigurationProperties("rotabot.itglue")
record ITGlueProperties(@NotNull @DefaultValue("https://api.itglue.com") URI baseUrl, @NotBlank String apiKey,
                        @DefaultValue("5s") Duration connectTimeout, @DefaultValue("30s") Duration readTimeout,
                        @DefaultValue("3") @Positive int maxAttempts, @DefaultValue("2s") Duration firstBackoff,
                        @DefaultValue("15s") Duration maxWait, @DefaultValue("3000") @Positive int requestsPer5Minutes,
                        @DefaultValue("5s") Duration rateLimitWait, @DefaultValue("3") @Positive int maxConcurrentCalls,
                        @DefaultValue("5s") Duration concurrentCallsWait,
                        @DefaultValue("1000") @Positive @Max(1000) int pageSize) {

    /** The worst case of one IT Glue call: it waits for a place, each try for the budget, then connects and reads. */
    ExternalCalls.Bounds bounds() {
        return new ExternalCalls.Bounds(maxAttempts, concurrentCallsWait, rateLimitWait, connectTimeout, readTimeout, maxWait);
    }
}
