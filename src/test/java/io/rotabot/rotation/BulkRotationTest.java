package io.rotabot.rotation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.LDAPConnection;
import io.rotabot.matching.Approval;
import io.rotabot.testing.EndToEndEnvironment;
import io.rotabot.testing.VendorStubs;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * 500 records in one request over HTTP, 3 of whose accounts were deleted: each rotation stands alone.
 * Afterwards none of the 497 new passwords is in the logs or in any database table, the engine's
 * variable and byte-array tables included (the journal's ciphertext is wiped once a rotation is done).
 */
@ExtendWith(OutputCaptureExtension.class)
class BulkRotationTest extends EndToEndEnvironment {

    private static final int RECORDS = 500;
    private static final String USERS = "CN=Users,DC=acme,DC=test";

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void fiveHundredRotationsWithThreeBrokenAccountsEndInTheirOwnStatuses(CapturedOutput output) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 4);
        List<String> names = new ArrayList<>();
        List<String> records = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            names.add("b" + run + "-" + i);
            records.add("bulk" + run + i + ":b" + run + "-" + i + "@acme.test");
        }
        List<String> accounts = newAcmeUsers(names);
        VendorStubs.itglueRecordList(ITGLUE, ACME_ITGLUE, records.toArray(String[]::new));
        matches.sync("acme");
        List<Approval> approvals = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            approvals.add(new Approval(accounts.get(i), Optional.of("bulk" + run + i)));
        }
        matches.approve("acme", approvals);
        ITGLUE.stubFor(get(urlPathMatching("/passwords/bulk.*")).willReturn(itglueDocument()));
        ITGLUE.stubFor(patch(urlPathMatching("/passwords/bulk.*")).willReturn(itglueDocument()));
        try (LDAPConnection ldap = sandboxAdministrator()) {
            for (int broken : new int[] {7, 250, 499}) {
                ldap.delete("CN=b" + run + "-" + broken + "," + USERS);
            }
        }

        String body = records.stream().map(r -> "{\"organization\":\"acme\",\"vaultRecordId\":\"" + r.substring(0, r.indexOf(':')) + "\"}")
                .collect(Collectors.joining(",", "{\"rotations\":[", ",{\"organization\":\"acme\",\"vaultRecordId\":\"unmatched-1\"}]}"));
        HttpResponse<String> answer = api("POST", "/api/rotations", body, true);

        assertThat(answer.statusCode()).isEqualTo(202);
        JsonNode accepted = json.readTree(answer.body());
        assertThat(accepted.path("started").asInt()).isEqualTo(RECORDS);
        assertThat(accepted.path("refused").path(0).path("reason").asText()).contains("not the approved match");
        String follow = accepted.path("follow").asText();
        JsonNode done = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(
                () -> json.readTree(api("GET", follow + "&limit=1000", null, true).body()),
                list -> list.size() == RECORDS && list.findValuesAsText("status").stream()
                        .noneMatch(s -> s.equals("In progress") || s.equals("API Error")));

        Map<String, Long> byStatus = done.findValuesAsText("status").stream()
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        List<String> failedReasons = new ArrayList<>();
        done.forEach(r -> {
            if (!r.path("status").asText().equals("Successful")) {
                failedReasons.add(r.path("account").asText() + " " + r.path("status").asText() + ": " + r.path("reason").asText());
            }
        });
        assertThat(byStatus).as(failedReasons.toString()).containsEntry("Successful", (long) RECORDS - 3).containsEntry("Failed", 3L);
        assertThat(failedReasons).allSatisfy(reason -> assertThat(reason).contains("no longer exists in the directory"));
        assertThat(done.findValuesAsText("triggeredBy")).containsOnly("api admin");
        Set<String> passwords = ITGLUE.findAll(patchRequestedFor(urlPathMatching("/passwords/bulk" + run + ".*"))).stream()
                .map(r -> password(r.getBodyAsString())).collect(Collectors.toSet());
        assertThat(passwords).hasSize(RECORDS - 3);
        String planted = passwords.iterator().next();
        assertThat(leaks("log line " + planted + " end", passwords)).as("the scan finds what is there").containsExactly(planted);
        assertThat(leaks(output.getAll(), passwords)).as("logs").isEmpty();
        assertThat(databaseLeaks(passwords)).as("database").isEmpty();
        String sample = done.get(0).path("vaultRecordId").asText();
        String name = done.get(0).path("account").asText().replace("@acme.test", "");
        if (done.get(0).path("status").asText().equals("Successful")) {
            String stored = json.readTree(ITGLUE.findAll(patchRequestedFor(urlPathEqualTo("/passwords/" + sample))).get(0)
                    .getBodyAsString()).path("data").path("attributes").path("password").asText();
            assertThat(binds("CN=" + name + "," + USERS, stored)).isTrue();
        }
    }

    /** Which of the passwords the text contains, found by their length's windows. */
    private static Set<String> leaks(String text, Set<String> passwords) {
        Set<String> found = new HashSet<>();
        Set<Integer> lengths = passwords.stream().map(String::length).collect(Collectors.toSet());
        for (int length : lengths) {
            for (int i = 0; i + length <= text.length(); i++) {
                String window = text.substring(i, i + length);
                if (passwords.contains(window)) {
                    found.add(window);
                }
            }
        }
        return found;
    }

    /** Every column of every table, text and bytes, as UTF-8 and UTF-16LE. */
    private Set<String> databaseLeaks(Set<String> passwords) {
        Set<String> found = new HashSet<>();
        List<String> tables = jdbc.queryForList("select table_name from information_schema.tables where table_schema = 'PUBLIC'",
                String.class);
        assertThat(tables).contains("ROTATIONS", "ACT_HI_VARINST", "ACT_GE_BYTEARRAY", "AUDIT_EVENTS");
        for (String table : tables) {
            jdbc.query("select * from \"" + table + "\"", row -> {
                for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                    Object value = row.getObject(column);
                    if (value instanceof byte[] bytes) {
                        found.addAll(leaks(new String(bytes, StandardCharsets.UTF_8), passwords));
                        found.addAll(leaks(new String(bytes, StandardCharsets.UTF_16LE), passwords));
                    } else if (value instanceof java.sql.Clob clob) {
                        found.addAll(leaks(clob.getSubString(1, (int) clob.length()), passwords));
                    } else if (value != null) {
                        found.addAll(leaks(value.toString(), passwords));
                    }
                }
            });
        }
        return found;
    }

    private String password(String patchBody) {
        try {
            return json.readTree(patchBody).path("data").path("attributes").path("password").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.jdbc.core.JdbcTemplate jdbc;

    @org.springframework.beans.factory.annotation.Autowired
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder itglueDocument() {
        return aResponse().withStatus(200).withHeader("Content-Type", VendorStubs.JSON_API).withBody("{}")
                .withTransformers(VendorStubs.ITGlueReadBack.NAME)
                .withTransformerParameter("organizationId", ACME_ITGLUE)
                .withTransformerParameter("username", "bulk");
    }

}
