package io.rotabot.matching;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.micrometer.core.instrument.MeterRegistry;
import io.rotabot.rotation.PasswordRotation;
import io.rotabot.rotation.RotationRequest;
import io.rotabot.rotation.RotationStatus;
import io.rotabot.testing.EndToEndEnvironment;
import io.rotabot.testing.VendorStubs;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Drift against the in-process directory and IT Glue's wire format: a password changed outside Rotabot
 * after the pair's last successful rotation — in the directory or in the vault — makes the pair Out of
 * sync in the API and the gauge, is mailed once, and a rotation reconciles it; a pair Rotabot never
 * rotated is never flagged.
 */
class OutOfSyncTest extends EndToEndEnvironment {

    private static final String USERS = ",CN=Users,DC=acme,DC=test";
    private static final String REVISION_ROTABOT_WROTE = "2026-01-02T03:04:05.000Z";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    PasswordRotation rotation;

    private final String run = UUID.randomUUID().toString().substring(0, 5);

    @Test
    void aPasswordChangedInTheDirectoryOutsideRotabotIsOutOfSyncMailedOnceAndARotationReconcilesIt() throws Exception {
        // given a pair Rotabot rotated an hour ago, and in sync since
        String name = run + "dir";
        String record = "d" + run;
        String account = pairRotatedAnHourAgo(name, record);
        matches.sync("acme");
        assertThat(match(account).outOfSync()).isEmpty();
        double flaggedBefore = gauge();
        int mailsBefore = SMTP.getReceivedMessages().length;

        // when someone sets the password in the directory, not through Rotabot, and two syncs run
        setPasswordOutsideRotabot(name);
        Instant changed = Instant.now();
        matches.sync("acme");
        matches.sync("acme");

        // then the pair is Out of sync, says since when, is counted, and the administrators heard of it once
        OutOfSync drift = match(account).outOfSync().orElseThrow();
        assertThat(drift.vaultChangedAt()).isEmpty();
        assertThat(drift.directoryChangedAt().orElseThrow()).isCloseTo(changed, within(Duration.ofMinutes(1)));
        assertThat(drift.reason()).startsWith("password changed in the directory on ").endsWith(" outside Rotabot; rotate to reconcile");
        assertThat(gauge()).isEqualTo(flaggedBefore + 1);
        JsonNode listed = JSON.readTree(api("GET", "/api/matches?outOfSync=true&size=500", null, true).body());
        assertThat(listed.path("items").findValuesAsText("accountId")).contains(account);
        JsonNode item = find(listed, account);
        assertThat(item.path("outOfSync").path("status").asText()).isEqualTo("Out of sync");
        assertThat(item.path("outOfSync").path("reason").asText()).isEqualTo(drift.reason());
        List<MimeMessage> mails = await().atMost(Duration.ofSeconds(10)).until(() -> mailsAbout(name, mailsBefore),
                found -> !found.isEmpty());
        assertThat(mails).as("one e-mail, to the administrator ops@msp.test").hasSize(1);
        assertThat(mails.get(0).getSubject()).isEqualTo("Rotabot: " + name + "@acme.test is Out of sync");
        assertThat((String) mails.get(0).getContent()).contains(drift.reason()).contains("\"vaultRecordId\":\"" + record + "\"");

        // and when the pair is rotated to reconcile it
        VendorStubs.itglueRecord(ITGLUE, record, ACME_ITGLUE, name + "@acme.test");
        assertThat(rotation.rotate(new RotationRequest("reconcile-" + run, "acme", account, record, Optional.empty(), "test"))
                .status()).isEqualTo(RotationStatus.SUCCESSFUL);

        // then it is in sync at once, and stays so at the next sync
        assertThat(match(account).outOfSync()).isEmpty();
        assertThat(gauge()).isEqualTo(flaggedBefore);
        matches.sync("acme");
        assertThat(match(account).outOfSync()).isEmpty();
        assertThat(JSON.readTree(api("GET", "/api/organizations/acme/matches?outOfSync=true&size=500", null, true).body())
                .path("items").findValuesAsText("accountId")).doesNotContain(account);
    }

    @Test
    void aPasswordChangedInTheVaultOutsideRotabotIsOutOfSync() throws Exception {
        // given a pair Rotabot rotated an hour ago
        String name = run + "vlt";
        String record = "v" + run;
        String account = pairRotatedAnHourAgo(name, record);

        // when a technician changes the record's password in IT Glue, which stamps a newer password-updated-at
        String changed = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        ITGLUE.stubFor(get(urlPathEqualTo("/passwords")).withQueryParam("filter[organization_id]", equalTo(Long.toString(ACME_ITGLUE)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", VendorStubs.JSON_API).withBody("""
                        {"data":[{"id":"%s","type":"passwords","attributes":{"organization-id":%d,
                          "organization-name":"ACME Ltd","name":"%s (AD)","username":"%s@acme.test","url":"","notes":"",
                          "resource-url":"%s","restricted":false,"archived":false,"password-category-id":101,
                          "password-category-name":"Active Directory","password-updated-at":"%s",
                          "created-at":"2025-01-02T03:04:05.000Z","updated-at":"%s"}}],
                         "meta":{"current-page":1,"next-page":null,"prev-page":null,"total-pages":1,"total-count":1}}"""
                        .formatted(record, ACME_ITGLUE, name, name, VendorStubs.resourceUrl(ACME_ITGLUE, record), changed, changed))));
        matches.sync("acme");

        // then the pair is Out of sync on the vault's side, at the vault's time
        OutOfSync drift = match(account).outOfSync().orElseThrow();
        assertThat(drift.directoryChangedAt()).isEmpty();
        assertThat(drift.vaultChangedAt()).contains(Instant.parse(changed));
        assertThat(drift.reason()).startsWith("password changed in the vault on ");
    }

    @Test
    void aPairRotabotNeverRotatedIsNeverOutOfSync() throws Exception {
        String name = run + "new";
        String account = newAcmeUser(name);
        records("n" + run + ":" + name + "@acme.test");
        approve(account, "n" + run);

        setPasswordOutsideRotabot(name);
        matches.sync("acme");

        assertThat(match(account).outOfSync()).isEmpty();
    }

    private void records(String... records) {
        VendorStubs.itglueRecordList(ITGLUE, ACME_ITGLUE, records);
        matches.sync("acme");
    }

    private void approve(String account, String record) {
        matches.approve("acme", List.of(new Approval(account, Optional.of(record))));
    }

    /**
     * A new account matched to a new record, and the journal of their rotation that ended an hour ago with
     * the revision IT Glue reported for Rotabot's write.
     */
    private String pairRotatedAnHourAgo(String name, String record) throws Exception {
        String account = newAcmeUser(name);
        records(record + ":" + name + "@acme.test");
        approve(account, record);
        Timestamp hourAgo = Timestamp.from(Instant.now().minus(Duration.ofHours(1)));
        jdbc.sql("""
                insert into rotations (id, request_key, organization_key, account_id, account_name, vault_record_id, state, status,
                                       reason, vault_record_url, triggered_by, vault_revision, created_at, updated_at)
                values (?, ?, 'acme', ?, ?, ?, 'DONE', 'SUCCESSFUL', 'password set in the directory and stored in the vault',
                        ?, 'test', ?, ?, ?)""")
            .params(UUID.randomUUID().toString(), "earlier-" + name, account, name + "@acme.test", record,
                    VendorStubs.resourceUrl(ACME_ITGLUE, record), REVISION_ROTABOT_WROTE, hourAgo, hourAgo)
            .update();
        return account;
    }

    private static void setPasswordOutsideRotabot(String name) throws Exception {
        try (LDAPConnection ldap = sandboxAdministrator()) {
            ldap.modify("CN=" + name + USERS, new Modification(ModificationType.REPLACE, "unicodePwd",
                    "\"Set-By-Hand-Passw0rd!\"".getBytes(StandardCharsets.UTF_16LE)));
        }
    }

    private Match match(String accountId) {
        return matches.list(new Matches.MatchFilter(Optional.of("acme"), Optional.empty(), false), false, 0, 100_000).items()
                .stream().filter(m -> m.accountId().equals(accountId)).findFirst().orElseThrow();
    }

    private double gauge() {
        return meters.get("rotabot.matches.out.of.sync").gauge().value();
    }

    private static JsonNode find(JsonNode page, String accountId) {
        for (JsonNode item : page.path("items")) {
            if (item.path("accountId").asText().equals(accountId)) {
                return item;
            }
        }
        throw new AssertionError(accountId + " is not listed");
    }

    private static List<MimeMessage> mailsAbout(String name, int skip) {
        return Arrays.stream(SMTP.getReceivedMessages()).skip(skip).filter(message -> {
            try {
                return message.getSubject().contains(name);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static org.assertj.core.data.TemporalUnitOffset within(Duration offset) {
        return new org.assertj.core.data.TemporalUnitWithinOffset(offset.toMillis(), ChronoUnit.MILLIS);
    }
}
