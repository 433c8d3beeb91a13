package io.rotabot.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.rotabot.directory.Directory;
import io.rotabot.directory.DirectoryAccount;
import io.rotabot.testing.EndToEndEnvironment;
import io.rotabot.testing.PostgresDatabase;
import io.rotabot.testing.VendorStubs;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same application on a real, empty PostgreSQL database, as production runs it: the engine's tables
 * and our migration side by side, and a rotation through the journal.
 */
class RotationOnPostgresTest extends EndToEndEnvironment {

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordRotation rotation;
    @Autowired
    Directory directory;

    @DynamicPropertySource
    static void emptyPostgresDatabase(DynamicPropertyRegistry properties) throws Exception {
        PostgresDatabase.fresh("rotabot_it", properties);
    }

    @Test
    void aRepeatedWebhookIsRecognisedOnPostgresToo() throws Exception {
        byte[] body = ("{\"Action\":\"Create\",\"EntityType\":\"Ticket\",\"Id\":7700001,"
                + "\"EventTime\":\"2026-11-27T08:15:02Z\",\"SequenceNumber\":1}").getBytes(StandardCharsets.UTF_8);
        VendorStubs.autotaskTicket(AUTOTASK, 7700001, ACME_COMPANY, 30_682_001, "Printer", "It jams.");

        int first = deliver(body).statusCode();
        int again = deliver(body).statusCode();

        assertThat(first).isEqualTo(202);
        assertThat(again).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from ticket_events where ticket_id = 7700001").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void migratesBesideTheEngineAndRotatesThroughTheJournal() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        assertThat(jdbc.sql("select version from flyway_schema_history where success and version = '1'")
                .query(String.class).optional()).contains("1");
        assertThat(jdbc.sql("select count(*) from act_ge_property").query(Integer.class).single()).isPositive();

        DirectoryAccount bob = directory.findByEmail("acme", "bob@acme.test").orElseThrow();
        approvedMatch(bob.id(), "5002", "bob@acme.test");
        VendorStubs.itglueRecord(ITGLUE, "5002", ACME_ITGLUE, "bob@acme.test");
        Rotation done = rotation.rotate(new RotationRequest("pg-" + UUID.randomUUID(), "acme", bob.id(), "5002", Optional.empty(), "test"));

        assertThat(done.status()).isEqualTo(RotationStatus.SUCCESSFUL);
        assertThat(jdbc.sql("select new_password_ciphertext from rotations where id = ?").param(done.id())
                .query(String.class).optional()).isEmpty();
    }
}
