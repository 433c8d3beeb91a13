package io.rotabot.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rotabot.testing.EndToEndEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * What a workflow designer does over the API — dry-run tickets, reload edited rules, a broken edit that
 * changes nothing — and an unsure ticket waiting for a technician in Tasklist. The rules are a copy of
 * rules/ in target/, so the test may break them.
 */
@TestPropertySource(properties = "rotabot.classify.rules-dir=" + RulesApiTest.RULES)
class RulesApiTest extends EndToEndEnvironment {

    static final String RULES = "target/rules-api-test";

    static {
        try (Stream<Path> shipped = Files.list(Path.of("rules"))) {
            Files.createDirectories(Path.of(RULES));
            for (Path file : shipped.toList()) {
                Files.copy(file, Path.of(RULES).resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aDryRunTellsTheDecisionAndItsReasonsAndActsOnNothing() throws Exception {
        HttpResponse<String> own = api("POST", "/api/rules/dry-run", "{\"title\":\"Passwort vergessen\","
                + "\"description\":\"Ich habe mein Passwort vergessen\",\"requester\":{\"name\":\"Alice Anders\",\"email\":\"alice@acme.test\"}}", true);
        HttpResponse<String> colleague = api("POST", "/api/rules/dry-run", "{\"title\":\"Reset\","
                + "\"description\":\"Please reset the password for svc-backup@acme.test, it expired\"}", true);
        HttpResponse<String> reply = api("POST", "/api/rules/dry-run", "{\"title\":\"RE: Password\","
                + "\"description\":\"Thanks, I am back in!\\n\\n-----Original Message-----\\nFrom: Alice\\nSent: Monday\\n\\n"
                + "I forgot my password, please reset it.\"}", true);
        HttpResponse<String> noTitle = api("POST", "/api/rules/dry-run", "{\"description\":\"x\"}", true);
        HttpResponse<String> stranger = api("POST", "/api/rules/dry-run", "{\"title\":\"x\"}", false);

        assertThat(own.statusCode()).isEqualTo(200);
        JsonNode decision = json.readTree(own.body());
        assertThat(decision.path("intent").asText()).isEqualTo("RESET");
        assertThat(decision.path("scenario").asText()).isEqualTo("password-rotation");
        assertThat(decision.path("firedRules").toString()).contains("password reset requested");
        JsonNode other = json.readTree(colleague.body());
        assertThat(other.path("intent").asText()).isEqualTo("UNSURE");
        assertThat(other.path("targets").get(0).path("value").asText()).isEqualTo("svc-backup@acme.test");
        assertThat(other.path("targets").get(0).path("privileged").asBoolean()).isTrue();
        JsonNode answered = json.readTree(reply.body());
        assertThat(answered.path("intent").asText()).as("decided on the new text, not the quoted request").isEqualTo("NOT_A_RESET");
        assertThat(answered.path("firedRules").toString()).contains("quoted history or signature set aside");
        assertThat(noTitle.statusCode()).isEqualTo(400);
        assertThat(stranger.statusCode()).isEqualTo(401);
    }

    @Test
    void anEditGoesLiveOnReloadAndABrokenOneChangesNothing() throws Exception {
        String printer = "{\"title\":\"Printer\",\"description\":\"The printer asks for a password, I forgot it\"}";
        assertThat(intent(printer)).isEqualTo("NOT_A_RESET");
        Path keywords = Path.of(RULES, "keywords.yaml");
        String shipped = Files.readString(keywords);
        try {
            Files.writeString(keywords, shipped.replace("printer,", ""));
            HttpResponse<String> reloaded = api("POST", "/api/rules/reload", null, true);
            assertThat(reloaded.statusCode()).isEqualTo(200);
            assertThat(json.readTree(reloaded.body()).path("files").toString()).contains("password-reset.drl");
            assertThat(intent(printer)).as("the edit is live").isEqualTo("RESET");

            Files.writeString(Path.of(RULES, "zz-broken.drl"), "package rules;\nrule \"half\"\nwhen\n    Nothing( \nthen\nend\n");
            HttpResponse<String> refused = api("POST", "/api/rules/reload", null, true);
            assertThat(refused.statusCode()).isEqualTo(422);
            JsonNode problems = json.readTree(refused.body()).path("problems");
            assertThat(problems.get(0).path("file").asText()).isEqualTo("zz-broken.drl");
            assertThat(problems.get(0).path("line").asInt()).isPositive();
            assertThat(intent(printer)).as("the rule base in service is unchanged").isEqualTo("RESET");
        } finally {
            Files.deleteIfExists(Path.of(RULES, "zz-broken.drl"));
            Files.writeString(keywords, shipped);
            assertThat(api("POST", "/api/rules/reload", null, true).statusCode()).isEqualTo(200);
        }
    }

    private String intent(String ticket) throws Exception {
        return json.readTree(api("POST", "/api/rules/dry-run", ticket, true).body()).path("intent").asText();
    }
}
