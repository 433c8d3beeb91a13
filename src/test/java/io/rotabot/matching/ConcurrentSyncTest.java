package io.rotabot.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rotabot.testing.EndToEndEnvironment;
import io.rotabot.testing.VendorStubs;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A sync that reads the matches while a technician's decision is not yet committed, and writes after it
 * is, keeps the decision: the sync never writes back the state it read. The two are interleaved with
 * latches and the database's own row lock, on H2 here and on PostgreSQL in the subclass.
 */
class ConcurrentSyncTest extends EndToEndEnvironment {

    @Autowired
    TransactionTemplate transactions;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    private final String run = UUID.randomUUID().toString().substring(0, 5);

    @Test
    void anApprovalAndAnIgnoreMadeWhileASyncRunsSurviveTheSync() throws Exception {
        // given two accounts, each with a single suggestion
        String approved = newAcmeUser(run + "appr");
        String ignored = newAcmeUser(run + "ign");
        VendorStubs.itglueRecordList(ITGLUE, ACME_ITGLUE, "c1" + run + ":" + run + "appr@acme.test",
                "c2" + run + ":" + run + "ign@acme.test");
        matches.sync("acme");
        // and a technician who has approved one and ignored the other, not yet committed
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch decided = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        Future<?> technician = threads.submit(() -> transactions.executeWithoutResult(status -> {
            matches.approve("acme", List.of(new Approval(approved, Optional.empty())));
            matches.ignore("acme", List.of(ignored));
            decided.countDown();
            awaitQuietly(commit);
        }));
        assertThat(decided.await(30, TimeUnit.SECONDS)).as("the technician decided").isTrue();

        // when a sync reads the matches now, and comes to write them only once the technician's rows are free
        Future<SyncResult> sync = threads.submit(() -> matches.sync("acme"));
        await().atMost(Duration.ofSeconds(60)).until(this::aSessionWaitsForARowLock);
        commit.countDown();
        technician.get(30, TimeUnit.SECONDS);
        sync.get(60, TimeUnit.SECONDS);
        threads.shutdown();

        // then both decisions stand
        assertThat(match(approved).state()).isEqualTo(MatchState.MATCHED);
        assertThat(match(approved).vaultRecordId()).contains("c1" + run);
        assertThat(match(ignored).state()).isEqualTo(MatchState.IGNORED);
    }

    private boolean aSessionWaitsForARowLock() throws Exception {
        String database;
        try (Connection connection = dataSource.getConnection()) {
            database = connection.getMetaData().getDatabaseProductName();
        }
        String waiting = database.equals("PostgreSQL")
                ? "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'"
                : "select count(*) from information_schema.sessions where blocker_id is not null";
        return jdbc.sql(waiting).query(Long.class).single() > 0;
    }

    private Match match(String accountId) {
        return matches.list(new Matches.MatchFilter(Optional.of("acme"), Optional.empty(), false), false, 0, 100_000).items().stream()
                .filter(m -> m.accountId().equals(accountId)).findFirst().orElseThrow();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the sync never came to wait for the technician's rows");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
