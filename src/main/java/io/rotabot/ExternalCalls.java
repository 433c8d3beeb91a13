package io.rotabot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * What every vendor client shares: HTTP timeouts, retries of throttling and server errors that honour
 * {@code Retry-After} up to a cap, a bulkhead per vendor, the worst case of one call, and error texts that
 * quote the vendor's reason (and when it asked to be called again) but never a request body.
 */
public final class ExternalCalls {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_TEXT = 300;

    private ExternalCalls() {
    }

    /**
     * A RestClient with connect and read limits; the JDK client also speaks PATCH. HTTP/1.1, because the
     * JDK's cleartext HTTP/2 upgrade breaks a first request that has a body (a PATCH) on some servers.
     */
    public static RestClient restClient(RestClient.Builder builder, Duration connectTimeout, Duration readTimeout) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(readTimeout);
        return builder.requestFactory(requests).build();
    }

    /**
     * A retry registered under the vendor's name: on 429, 5xx and I/O errors, waiting what
     * {@code Retry-After} asks or else an exponential backoff from {@code firstBackoff}, never longer than
     * {@code maxWait}. An answer whose {@code Retry-After} asks for more than {@code maxWait} is not retried
     * here: holding a job thread that long would outlast the job's lock, so the failure goes up at once and
     * the job is tried again on its retry cycle ({@link #describe} says when the vendor asked for it).
     */
    public static Retry retry(RetryRegistry registry, String vendor, int maxAttempts, Duration firstBackoff, Duration maxWait) {
        IntervalBiFunction<Object> interval = (attempt, outcome) -> {
            long backoff = Math.min(maxWait.toMillis(), firstBackoff.toMillis() << Math.min(attempt - 1, 16));
            Optional<Duration> asked = outcome.isLeft() ? retryAfter(outcome.getLeft()) : Optional.empty();
            return asked.map(wait -> Math.max(0, wait.toMillis())).orElse(backoff);
        };
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .intervalBiFunction(interval)
                .retryOnException(failure -> isTransient(failure)
                        && retryAfter(failure).map(asked -> asked.compareTo(maxWait) <= 0).orElse(true))
                .build();
        return registry.retry(vendor, config);
    }

    /**
     * A bulkhead registered under the vendor's name that lets at most {@code maxConcurrentCalls} calls to
     * the vendor run at once, so a vendor that hangs holds no more than that many threads. A call beyond
     * them waits at most {@code maxWait} for a place (a burst of tickets gets through; zero refuses at
     * once) and is then refused ({@link BulkheadFullException}).
     */
    public static Bulkhead bulkhead(BulkheadRegistry registry, String vendor, int maxConcurrentCalls, Duration maxWait) {
        return registry.bulkhead(vendor, BulkheadConfig.custom()
                .maxConcurrentCalls(maxConcurrentCalls).maxWaitDuration(maxWait).build());
    }

    static boolean isTransient(Throwable failure) {
        return failure instanceof HttpClientErrorException.TooManyRequests
                || failure instanceof HttpServerErrorException
                || failure instanceof ResourceAccessException;
    }

    static Optional<Duration> retryAfter(Throwable failure) {
        if (!(failure instanceof RestClientResponseException response) || response.getResponseHeaders() == null) {
            return Optional.empty();
        }
        String value = response.getResponseHeaders().getFirst("Retry-After");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(Duration.between(Instant.now(), at));
            } catch (RuntimeException notADate) {
                return Optional.empty();
            }
        }
    }

    /**
     * Status and the vendor's reason, for a technician; never a request body. When the answer carried
     * {@code Retry-After}, also when the vendor asked to be called again ("asks to be called again in
     * 120 s, at 2026-11-27T08:17:02Z").
     */
    public static String describe(RestClientException failure) {
        if (failure instanceof RestClientResponseException response) {
            String reason = errorText(response);
            String retry = retryAfter(response)
                    .map(wait -> "; asks to be called again in " + Math.max(0, wait.toSeconds()) + " s, at "
                            + Instant.now().plus(wait).truncatedTo(ChronoUnit.SECONDS))
                    .orElse("");
            return "HTTP " + response.getStatusCode().value() + (reason.isEmpty() ? "" : ": " + reason) + retry;
        }
        return failure.getMostSpecificCause().getClass().getSimpleName() + ": " + failure.getMostSpecificCause().getMessage();
    }

    /** The reasons in an Autotask ({@code {"errors":["…"]}}) or JSON:API ({@code {"errors":[{"detail":…}]}}) error body. */
    public static String errorText(RestClientResponseException response) {
        String body = response.getResponseBodyAsString();
        List<String> reasons = new ArrayList<>();
        try {
            JsonNode errors = JSON.readTree(body).path("errors");
            for (JsonNode error : errors) {
                if (error.isTextual()) {
                    reasons.add(error.asText());
                } else {
                    String detail = error.path("detail").asText(error.path("title").asText(""));
                    if (!detail.isEmpty()) {
                        reasons.add(detail);
                    }
                }
            }
        } catch (Exception notJson) {
            // the status alone must do
        }
        String text = String.join("; ", reasons);
        return text.length() > MAX_ERROR_TEXT ? text.substring(0, MAX_ERROR_TEXT) + "…" : text;
    }

    /**
     * How long one call to a vendor can hold its thread at worst: it waits for a place among the
     * vendor's concurrent calls, then every attempt waits for its permit (a rate limit or a per-endpoint
     * limit) and for the connection and the answer, and between attempts the retry waits at most
     * {@code maxWait} (a longer {@code Retry-After} is not waited, see {@link #retry}). The vendors' limits
     * are in shared/reference/API-FACTS.md; the job lock these must stay below is
     * {@code camunda.bpm.job-execution.lock-time-in-millis}.
     *
     * @param maxAttempts tries of one request, the first included
     * @param placeWait the longest the call waits for a place among the vendor's concurrent calls
     * @param permitWait the longest an attempt waits for a permit before it is sent
     * @param connectTimeout the TCP connect limit of one attempt
     * @param readTimeout the limit for one attempt's answer
     * @param maxWait the longest wait between two attempts
     */
    public record Bounds(int maxAttempts, Duration placeWait, Duration permitWait, Duration connectTimeout, Duration readTimeout,
                         Duration maxWait) {

        /** The most calls to one vendor that one job step makes (answering a ticket: read its notes, post one, set its status). */
        public static final int CALLS_PER_STEP = 3;

        /** place wait + attempts × (permit wait + connect + read) + (attempts − 1) × max wait. */
        public Duration worstCase() {
            return placeWait.plus(permitWait.plus(connectTimeout).plus(readTimeout).multipliedBy(maxAttempts))
                    .plus(maxWait.multipliedBy(maxAttempts - 1L));
        }

        /** {@link #CALLS_PER_STEP} calls, each at its worst. */
        public Duration worstCaseStep() {
            return worstCase().multipliedBy(CALLS_PER_STEP);
        }

        /**
         * Refuses settings under which a step's calls could outlast the job lock, since another node would
         * then run the same step a second time.
         *
         * @param jobLock the engine's {@code camunda.bpm.job-execution.lock-time-in-millis}
         * @param settings the vendor's configuration prefix, named in the message (e.g. {@code rotabot.itglue})
         * @throws IllegalStateException when {@link #worstCaseStep()} is not below {@code jobLock}
         */
        public void requireWithin(Duration jobLock, String settings) {
            if (worstCaseStep().compareTo(jobLock) >= 0) {
                throw new IllegalStateException(settings + ": one call can hold its thread " + worstCase().toSeconds()
                        + " s (concurrent-calls-wait + max-attempts x (permit wait + connect-timeout + read-timeout) + "
                        + "(max-attempts - 1) x max-wait), so a step's " + CALLS_PER_STEP + " calls " + worstCaseStep().toSeconds()
                        + " s, not below the job lock of " + jobLock.toSeconds() + " s "
                        + "(camunda.bpm.job-execution.lock-time-in-millis); lower them or raise the lock");
            }
        }
    }
}
