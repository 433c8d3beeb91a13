package io.rotabot.directory.ad;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.rotabot.directory.Directory;
import io.rotabot.matching.Approval;
import io.rotabot.matching.Matches;
import io.rotabot.rotation.PasswordRotation;
import io.rotabot.rotation.Rotation;
import io.rotabot.rotation.RotationRequest;
import io.rotabot.rotation.RotationStatus;
import io.rotabot.security.Secret;
import io.rotabot.testing.StandaloneRotabot;
import io.rotabot.testing.VendorStubs;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The connection's own bind account, rotated alone once matched: the directory, the vault and the
 * connection's stored credential all move to the new password, the connection keeps working, also
 * after a restart with the old password still in the configuration, and after a crash between the
 * directory taking a new password and the database promoting it.
 */
class BindAccountRotationTest {

    private static final String SERVICE_DN = "CN=Rotabot Service,CN=Users,DC=acme,DC=test";
    private static final String CONFIGURED = "Demo-Svc-Passw0rd-acme!";
    private static StandaloneRotabot rotabot;

    @BeforeAll
    static void start() throws Exception {
        rotabot = StandaloneRotabot.prepare("bind-account");
    }

    @AfterAll
    static void stop() {
        rotabot.close();
    }

    @Test
    void theBindAccountRotatedAloneTakesItsConnectionAlong() throws Exception {
        VendorStubs.itglueRecordList(rotabot.itglue, 3821001, "7001:svc-rotabot@acme.test");
        VendorStubs.itglueRecord(rotabot.itglue, "7001", 3821001, "svc-rotabot@acme.test");
        String rotated;
        try (ConfigurableApplicationContext context = rotabot.start()) {
            Directory directory = context.getBean(Directory.class);
            PasswordRotation rotation = context.getBean(PasswordRotation.class);
            String service = directory.findByEmail("acme", "svc-rotabot@acme.test").orElseThrow().id();

            Rotation unmatched = rotation.rotate(new RotationRequest("svc-unmatched", "acme", service, "7001", Optional.empty(), "test"));
            assertThat(unmatched.status()).isEqualTo(RotationStatus.NOT_PERMITTED);
            assertThat(unmatched.reason()).contains("not matched to vault record 7001");

            Matches matches = context.getBean(Matches.class);
            matches.sync("acme");
            matches.approve("acme", List.of(new Approval(service, Optional.of("7001"))));
            Rotation inBulk = rotation.rotate(RotationRequest.inBatch("bulk-" + UUID.randomUUID(), 0, "acme", service, "7001", "test"));
            assertThat(inBulk.status()).isEqualTo(RotationStatus.ADMIN_NOT_PERMITTED);

            Rotation alone = rotation.rotate(new RotationRequest("svc-alone", "acme", service, "7001", Optional.empty(), "test"));

            assertThat(alone.status()).as(alone.reason()).isEqualTo(RotationStatus.SUCCESSFUL);
            rotated = rotabot.vaultPasswords("7001").get(0);
            assertThat(rotabot.binds(SERVICE_DN, rotated)).isTrue();
            assertThat(rotabot.binds(SERVICE_DN, CONFIGURED)).as("the old password is gone").isFalse();
            assertThat(context.getBean(BindCredentials.class).current("acme").map(Secret::reveal)).contains(rotated);
            assertThat(directory.accounts("acme")).as("the connection binds with the new password").isNotEmpty();
        }

        try (ConfigurableApplicationContext restarted = rotabot.start()) {
            assertThat(restarted.getBean(Directory.class).findByEmail("acme", "alice@acme.test"))
                    .as("the configuration still holds the old password; the database's wins").isPresent();

            // a later rotation crashed after the directory took its password and before the database promoted it
            restarted.getBean(BindCredentials.class).stage("acme", Secret.of("Staged#Then-Crashed-42"));
            setDirectly(rotated, "Staged#Then-Crashed-42");
        }

        try (ConfigurableApplicationContext afterCrash = rotabot.start()) {
            assertThat(afterCrash.getBean(Directory.class).findByEmail("acme", "alice@acme.test")).isPresent();
            BindCredentials credentials = afterCrash.getBean(BindCredentials.class);
            assertThat(credentials.current("acme").map(Secret::reveal)).contains("Staged#Then-Crashed-42");
            assertThat(credentials.pending("acme")).isEmpty();
        }
    }

    private static void setDirectly(String current, String next) throws Exception {
        try (LDAPConnection connection = rotabot.connect()) {
            connection.bind(SERVICE_DN, current);
            connection.modify(SERVICE_DN, new Modification(ModificationType.REPLACE, "unicodePwd",
                    ("\"" + next + "\"").getBytes(java.nio.charset.StandardCharsets.UTF_16LE)));
        }
    }
}
