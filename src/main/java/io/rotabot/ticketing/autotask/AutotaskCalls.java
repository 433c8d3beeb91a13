package io.rotabot.ticketing.autotask;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rotabot.ExternalCalls;
import io.rotabot.ticketing.TicketDeskUnavailableException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/**
 * Every Autotask request goes through here, within the limits Autotask sets: this node's share of the
 * database's hourly budget, at most three concurrent calls per endpoint, retries with backoff on 429,
 * 5xx and timeouts, and a circuit breaker that stops calling an Autotask that keeps failing. Around all
 * of it, at most {@code rotabot.autotask.max-concurrent-calls} calls run at once, so a hanging Autotask
 * holds no more job threads than that; a call that finds no place within {@code concurrent-calls-wait}
 * fails unsent. Settings under which a step's calls could outlast the engine's job lock stop the start.
 * The budget in use is the gauge {@code rotabot.autotask.budget.used} (of {@code rotabot.autotask.budget.limit}).
 */
@Component
class AutotaskCalls {

    private final RateLimiter budget;
    private final BulkheadRegistry endpoints;
    private final BulkheadConfig perEndpoint;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final Bulkhead concurrent;

    AutotaskCalls(AutotaskProperties properties, RetryRegistry retries, RateLimiterRegistry limiters,
                  BulkheadRegistry bulkheads, CircuitBreakerRegistry breakers, MeterRegistry meters,
                  @Value("${camunda.bpm.job-execution.lock-time-in-millis:300000}") long jobLockMillis) {
        properties.bounds().requireWithin(Duration.ofMillis(jobLockMillis), "rotabot.autotask");
        int limit = properties.nodeBudget();
        this.budget = limiters.rateLimiter("autotask-budget", RateLimiterConfig.custom()
                .limitForPeriod(limit).limitRefreshPeriod(Duration.ofHours(1)).timeoutDuration(Duration.ZERO).build());
        this.endpoints = bulkheads;
        this.perEndpoint = BulkheadConfig.custom()
                .maxConcurrentCalls(properties.maxConcurrentPerEndpoint()).maxWaitDuration(properties.endpointWait()).build();
        this.retry = ExternalCalls.retry(retries, "autotask", properties.maxAttempts(), properties.firstBackoff(),
                properties.maxWait());
        // a 4xx is an answer, not an outage: only 429, 5xx and I/O errors count against Autotask
        this.breaker = breakers.circuitBreaker("autotask", CircuitBreakerConfig.custom()
                .slidingWindowSize(20).minimumNumberOfCalls(10).failureRateThreshold(50)
                .waitDurationInOpenState(properties.breakerOpenWait())
                .ignoreExceptions(HttpClientErrorException.NotFound.class, HttpClientErrorException.BadRequest.class,
                        HttpClientErrorException.Unauthorized.class, HttpClientErrorException.Forbidden.class)
                .build());
        this.concurrent = ExternalCalls.bulkhead(bulkheads, "autotask", properties.maxConcurrentCalls(),
                properties.concurrentCallsWait());
        Gauge.builder("rotabot.autotask.budget.used", budget,
                        b -> limit - Math.max(0, b.getMetrics().getAvailablePermissions()))
                .description("Autotask requests this node sent in the current hour").register(meters);
        Gauge.builder("rotabot.autotask.budget.limit", () -> limit)
                .description("Autotask requests this node may send per hour").register(meters);
    }

    /**
     * Calls one endpoint ("Tickets", "TicketNotes", …) and gives its answer, or throws the call's
     * {@link RestClientException} after the retries, or {@link TicketDeskUnavailableException} when a
     * limit or the breaker stops it before Autotask is asked.
     */
    <T> T call(String endpoint, Supplier<T> request) {
        Bulkhead endpointCalls = endpoints.bulkhead("autotask-" + endpoint, perEndpoint);
        return guarded(endpoint, endpointCalls, limited(endpointCalls, request));
    }

    /**
     * Like {@link #call}, for a request that creates something and so must not simply be sent again: before
     * each try, the first one included (the caller's job may be a retry too), {@code done} looks for what an
     * earlier try created, and its answer is taken instead. A try whose answer was lost — a time-out or a
     * 5xx after Autotask had applied it — is therefore never repeated.
     */
    <T> T callUnlessDone(String endpoint, Supplier<Optional<T>> done, Supplier<T> request) {
        Bulkhead endpointCalls = endpoints.bulkhead("autotask-" + endpoint, perEndpoint);
        Supplier<Optional<T>> look = limited(endpointCalls, done);
        Supplier<T> create = limited(endpointCalls, request);
        return guarded(endpoint, endpointCalls, () -> look.get().orElseGet(create));
    }

    private <T> Supplier<T> limited(Bulkhead endpointCalls, Supplier<T> request) {
        return Bulkhead.decorateSupplier(endpointCalls, RateLimiter.decorateSupplier(budget, request));
    }

    /** One call within the vendor's bulkhead: a hang holds at most its share of the job threads. */
    private <T> T guarded(String endpoint, Bulkhead endpointCalls, Supplier<T> attempt) {
        if (!concurrent.tryAcquirePermission()) {
            throw new TicketDeskUnavailableException("Autotask already has " + concurrent.getBulkheadConfig().getMaxConcurrentCalls()
                    + " calls under way on this node (rotabot.autotask.max-concurrent-calls) and none ended within "
                    + concurrent.getBulkheadConfig().getMaxWaitDuration().toMillis() + " ms; this one was not sent", null);
        }
        try {
            return CircuitBreaker.decorateSupplier(breaker, Retry.decorateSupplier(retry, attempt)).get();
        } catch (RequestNotPermitted spent) {
            throw new TicketDeskUnavailableException("This node's Autotask budget for the hour ("
                    + budget.getRateLimiterConfig().getLimitForPeriod() + " requests) is used up; it refills within the hour", spent);
        } catch (BulkheadFullException busy) {
            throw new TicketDeskUnavailableException("Autotask's " + endpoint + " endpoint already has "
                    + endpointCalls.getBulkheadConfig().getMaxConcurrentCalls() + " calls under way", busy);
        } catch (CallNotPermittedException open) {
            throw new TicketDeskUnavailableException("Autotask failed too often lately; calls pause for "
                    + breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1) / 1000 + " s", open);
        } finally {
            concurrent.onComplete();
        }
    }
}
