package io.rotabot.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kie.api.KieBase;

/** The shipped rules in rules/, compiled as at start-up. */
class TicketClassifierTest {

    private static final KieBase RULES = TicketClassifier.compile(Path.of("rules"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Forgot my password | Hi, I forgot my password and cannot log in.",
        "Password expired | My password expired this morning, please reset it",
        "Locked out | I am locked out, need a password reset",
        "Passwort vergessen | Hallo, ich habe mein Passwort vergessen.",
        "Mot de passe | J'ai oublié mon mot de passe",
        "Wachtwoord | Ik ben mijn wachtwoord vergeten",
        "Contraseña | Olvidé mi contraseña, por favor restablecer"})
    void resetRequestsAreResets(String title, String description) {
        Classification decision = classify(title, description);

        assertThat(decision.intent()).isEqualTo(Intent.RESET);
        assertThat(decision.firedRules()).containsExactly("password reset requested");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "WiFi | I forgot the wifi password in the meeting room",
        "Printer | The printer asks for a password, I forgot it",
        "New laptop | Please order a new laptop for Bob",
        "Password policy | How long must our passwords be?",
        "Passwords | My passwordless login works fine"})
    void otherTicketsAreNotResets(String title, String description) {
        assertThat(classify(title, description).intent()).isEqualTo(Intent.NOT_A_RESET);
    }

    @Test
    void aVetoWinsAndIsNamedAsAReason() {
        Classification decision = classify("Reset the router password", "I forgot the router password");

        assertThat(decision.intent()).isEqualTo(Intent.NOT_A_RESET);
        assertThat(decision.firedRules()).containsExactlyInAnyOrder("password reset requested", "some other password");
    }

    @Test
    void brokenRulesAreReportedWithFileAndLine(@TempDir Path rules) throws Exception {
        Files.writeString(rules.resolve("broken.drl"), """
                package rules;
                import io.rotabot.classify.Verdict;

                rule "broken"
                when
                    $verdict : Verdict( nosuchproperty == 1 )
                then
                    $verdict.reset("x");
                end
                """);

        assertThatThrownBy(() -> TicketClassifier.compile(rules))
                .isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("broken.drl")
                .hasMessageContaining("line 6");
    }

    @Test
    void aFolderWithoutRulesIsRefused(@TempDir Path empty) {
        assertThatThrownBy(() -> TicketClassifier.compile(empty))
                .isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("No *.drl rule files");
    }

    private static Classification classify(String title, String description) {
        return TicketClassifier.classify(RULES, new TicketFacts(title, description));
    }
}
