package io.rotabot.matching;

import io.rotabot.testing.PostgresDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The interleaved sync and decision of {@link ConcurrentSyncTest} on PostgreSQL, as production runs them. */
class ConcurrentSyncOnPostgresTest extends ConcurrentSyncTest {

    @DynamicPropertySource
    static void emptyPostgresDatabase(DynamicPropertyRegistry properties) throws Exception {
        PostgresDatabase.fresh("drift_sync", properties);
    }
}
