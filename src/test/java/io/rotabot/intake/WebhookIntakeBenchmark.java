package io.rotabot.intake;

import static org.awaitility.Awaitility.await;

import io.rotabot.testing.EndToEndEnvironment;
import io.rotabot.testing.PostgresDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Webhook accept latency at a fixed 300 requests/s on PostgreSQL: signed deliveries that are stored
 * (one insert each, dispatched to ticket processes meanwhile), next to unsigned ones refused at the
 * signature check — the same HTTP path without the database — in the same run. Latency counts from
 * the moment a request was due, so a stall shows; it also says how long the started ticket processes
 * took to run after the last request. {@code mvn -Pbench test}; prints, asserts nothing.
 */
class WebhookIntakeBenchmark extends EndToEndEnvironment {

    private static final int RATE = 300;
    private static final Duration PHASE = Duration.ofSeconds(20);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ManagementService management;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry properties) throws Exception {
        PostgresDatabase.fresh("rotabot_bench", properties);
    }

    @Test
    void acceptLatencyAtThreeHundredRequestsPerSecond() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        WebhookSignature signer = new WebhookSignature(WEBHOOK_SECRET);
        AtomicInteger ticket = new AtomicInteger(8_000_000);
        run(http, false, signer, ticket, Duration.ofSeconds(5)); // warm-up of both paths
        run(http, true, signer, ticket, Duration.ofSeconds(5));
        quiet(); // the warm-up's processes must not run during the measurement

        Result refused = run(http, false, signer, ticket, PHASE);
        Result stored = run(http, true, signer, ticket, PHASE);
        long drained = System.nanoTime();
        quiet();

        System.out.printf("%nWebhook intake at %d requests/s for %d s on PostgreSQL%n", RATE, PHASE.toSeconds());
        System.out.println(refused.line("baseline: refused at the signature (no database)"));
        System.out.println(stored.line("stored in the inbox"));
        System.out.printf("ratio stored/baseline: p50 %.2f, p99 %.2f; the %d stored events' processes done %d ms after the last request%n%n",
                stored.p(50) / refused.p(50), stored.p(99) / refused.p(99), stored.sortedNanos().size(),
                (System.nanoTime() - drained) / 1_000_000);
    }

    /** Until every stored event is dispatched and every process it started has run its jobs. */
    private void quiet() {
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.sql(
                "select count(*) from ticket_events where dispatched_at is null").query(Long.class).single() == 0
                && management.createJobQuery().executable().count() == 0);
    }

    private Result run(HttpClient http, boolean signed, WebhookSignature signer, AtomicInteger ticket, Duration length)
            throws Exception {
        URI url = URI.create("http://localhost:" + port + "/webhooks/autotask/tickets");
        long count = length.toSeconds() * RATE;
        long interval = 1_000_000_000L / RATE;
        List<CompletableFuture<long[]>> answers = new ArrayList<>();
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            long due = start + i * interval;
            long early = due - System.nanoTime();
            if (early > 0) {
                LockSupport.parkNanos(early); // not a spin: the server shares this machine's cores
            }
            byte[] body = ("{\"Action\":\"Create\",\"EntityType\":\"Ticket\",\"Id\":" + ticket.incrementAndGet()
                    + ",\"EventTime\":\"2026-11-27T10:00:00Z\",\"SequenceNumber\":1}").getBytes(StandardCharsets.UTF_8);
            HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (signed) {
                request.header("X-Hook-Signature", signer.sign(body));
            }
            answers.add(http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                    .thenApply(r -> new long[] {System.nanoTime() - due, r.statusCode()}));
        }
        List<Long> latencies = new ArrayList<>();
        int unexpected = 0;
        for (CompletableFuture<long[]> answer : answers) {
            long[] outcome = answer.get();
            latencies.add(outcome[0]);
            if (outcome[1] != (signed ? 202 : 401)) {
                unexpected++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Collections.sort(latencies);
        return new Result(latencies, count / seconds, unexpected);
    }

    private record Result(List<Long> sortedNanos, double throughput, int unexpected) {

        double p(int percentile) {
            int index = (int) Math.ceil(percentile / 100.0 * sortedNanos.size()) - 1;
            return sortedNanos.get(Math.max(0, index)) / 1e6;
        }

        String line(String what) {
            return String.format("%-50s p50 %6.2f ms  p99 %7.2f ms  max %7.2f ms  %6.1f requests/s  %d unexpected answers",
                    what, p(50), p(99), sortedNanos.get(sortedNanos.size() - 1) / 1e6, throughput, unexpected);
        }
    }
}
