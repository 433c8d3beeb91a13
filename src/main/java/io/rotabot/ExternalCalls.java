package io.rotabot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
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
 * {@code Retry-After}, and error texts that quote the vendor's reason but never a request body.
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
     * {@code Retry-After} asks (up to {@code maxWait}) or else an exponential backoff.
     */
    public static Retry retry(RetryRegistry registry, String vendor, int maxAttempts, Duration firstBackoff, Duration maxWait) {
        IntervalBiFunction<Object> interval = (attempt, outcome) -> {
            long backoff = Math.min(maxWait.toMillis(), firstBackoff.toMillis() << Math.min(attempt - 1, 16));
            Optional<Duration> asked = outcome.isLeft() ? retryAfter(outcome.getLeft()) : Optional.empty();
            return asked
                    .map(wait -> Math.min(maxWait.toMillis(), Math.max(0, wait.toMillis())))
                    .orElse(backoff);
        };
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .intervalBiFunction(interval)
                .retryOnException(ExternalCalls::isTransient)
                .build();
        return registry.retry(vendor, config);
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

    /** Status and the vendor's reason, for a technician; never a request body. */
    public static String describe(RestClientException failure) {
        if (failure instanceof RestClientResponseException response) {
            String reason = errorText(response);
            return "HTTP " + response.getStatusCode().value() + (reason.isEmpty() ? "" : ": " + reason);
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
}
