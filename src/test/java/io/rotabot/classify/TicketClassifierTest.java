package io.rotabot.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped rules in rules/, compiled as at start-up: decisions, targets, the strong signal, reload. */
class TicketClassifierTest {

    private static final TicketClassifier.RuleBase RULES = TicketClassifier.compile(Path.of("rules"));

    @Test
    void aResetRequestIsTheRequestersOwnWithTheRulesAsReasons() {
        Classification decision = classify("Forgot my password", "Hi, I forgot my password and cannot log in.");

        assertThat(decision.intent()).isEqualTo(Intent.RESET);
        assertThat(decision.targets()).isEmpty();
        assertThat(decision.privileged()).isFalse();
        assertThat(decision.scenario()).isEqualTo("password-rotation");
        assertThat(decision.firedRules()).containsExactlyInAnyOrder("password reset requested", "cannot log in with a password",
                "the requester's own sign-in named");
    }

    @Test
    void anotherSystemsPasswordIsNoResetAndNamedAsTheReason() {
        Classification decision = classify("Reset the router password", "I forgot the router password");

        assertThat(decision.intent()).isEqualTo(Intent.NOT_A_RESET);
        assertThat(decision.firedRules()).containsExactlyInAnyOrder("password reset requested", "some other system's password");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Reset for Jane | Please reset the password for Jane Doe, she is locked out. | person | Jane Doe",
        "Bob | Bob forgot his password, please reset bob@Acme.test | email | bob@acme.test",
        "Domain user | Password expired for ACME\\jsmith, please reset | logon-name | ACME\\jsmith",
        "Username | Forgot password, username: mmiller | logon-name | mmiller",
        "Kollege | Bitte Passwort für Max Mustermann zurücksetzen | person | Max Mustermann",
        "Collègue | Réinitialiser le mot de passe pour Claire Dubois | person | Claire Dubois",
        "Compañera | Restablecer la contraseña para María García | person | María García",
        "Collega | Wachtwoord resetten voor Jan de Vries | person | Jan de Vries"})
    void accountsNamedBesidesTheRequestersAreTargetsAndMakeItUnsure(String title, String description, String kind, String value) {
        Classification decision = classify(title, description);

        assertThat(decision.targets()).contains(new Target(kind, value));
        assertThat(decision.intent()).isEqualTo(Intent.UNSURE);
    }

    @Test
    void theRequestersOwnAddressAndNameAreNoOtherTarget() {
        TicketFacts facts = new TicketFacts("Password reset for Alice Anders", "I forgot my password; my address is alice@acme.test",
                null, null, null, null, "Alice Anders", "alice@acme.test", "1001");

        Classification decision = RULES.classify(facts);

        assertThat(decision.targets()).isEmpty();
        assertThat(decision.intent()).isEqualTo(Intent.RESET);
    }

    @Test
    void severalTargetsAndPrivilegedOnesAreFlagged() {
        Classification decision = classify("Two users", "Please reset the passwords of bob@acme.test and svc-backup@acme.test, both expired");

        assertThat(decision.targets()).extracting(Target::value).containsExactly("bob@acme.test", "svc-backup@acme.test");
        assertThat(decision.privileged()).isTrue();
        assertThat(decision.intent()).isEqualTo(Intent.UNSURE);
    }

    @Test
    void aRuleMayChooseAnotherScenario(@TempDir Path rules) throws IOException {
        copyShippedRules(rules);
        Files.writeString(rules.resolve("m365.drl"), """
                package rules;
                import io.rotabot.classify.TicketFacts;
                import io.rotabot.classify.Verdict;

                rule "Microsoft 365 passwords run the cloud scenario"
                when
                    $ticket : TicketFacts( mentions("microsoft 365|office 365") )
                    $verdict : Verdict()
                then
                    $verdict.scenario("cloud-password-rotation", drools.getRule().getName());
                end
                """);
        TicketClassifier.RuleBase withScenario = TicketClassifier.compile(rules);

        assertThat(withScenario.classify(new TicketFacts("Office 365", "My Office 365 password expired")).scenario())
                .isEqualTo("cloud-password-rotation");
        assertThat(withScenario.classify(new TicketFacts("Windows", "My Windows password expired")).scenario())
                .isEqualTo("password-rotation");
    }

    @Test
    void bothTheOwnPasswordAndAnotherOneAreAConflict() {
        assertThat(classify("Passwords", "I forgot my password and the wifi password too").intent()).isEqualTo(Intent.UNSURE);
        assertThat(classify("QuickBooks", "I forgot my password for QuickBooks").intent()).isEqualTo(Intent.NOT_A_RESET);
    }

    @Test
    void aPastedAddressBookIsCutToTwentyTargets() {
        String addresses = java.util.stream.IntStream.range(0, 200).mapToObj(i -> "user" + i + "@acme.test")
                .collect(java.util.stream.Collectors.joining(", "));

        Classification decision = classify("Reset all", "Please reset the passwords of " + addresses);

        assertThat(decision.targets()).hasSize(20);
        assertThat(decision.intent()).isEqualTo(Intent.UNSURE);
    }

    @Test
    void theAutotaskClassificationIsAStrongSignalWhereConfigured(@TempDir Path rules) throws IOException {
        copyShippedRules(rules);
        Files.writeString(rules.resolve("keywords.yaml"), Files.readString(rules.resolve("keywords.yaml"))
                .replace("password-reset-sub-issue-types: []", "password-reset-sub-issue-types: [143]"));
        TicketClassifier.RuleBase configured = TicketClassifier.compile(rules);

        TicketFacts filedAsReset = new TicketFacts("Help", "Please call me back", null, 143, null, null, "", "", "");
        TicketFacts filedAsResetAboutWifi = new TicketFacts("Wifi", "Forgot the wifi password", null, 143, null, null, "", "", "");

        assertThat(configured.classify(filedAsReset).intent()).isEqualTo(Intent.RESET);
        assertThat(configured.classify(filedAsReset).firedRules()).containsExactly("Autotask says password reset");
        assertThat(configured.classify(filedAsResetAboutWifi).intent()).as("signals conflict").isEqualTo(Intent.UNSURE);
        assertThat(RULES.classify(filedAsReset).intent()).as("not configured in the shipped keywords").isEqualTo(Intent.NOT_A_RESET);
    }

    @Test
    void aReloadSwapsInRulesThatCompileAndKeepsTheOldOnesOtherwise(@TempDir Path rules) throws IOException {
        copyShippedRules(rules);
        TicketClassifier classifier = new TicketClassifier(null, rules);
        TicketFacts printer = new TicketFacts("Printer", "The printer asks for a password, I forgot it");
        assertThat(classifier.classify(printer).intent()).isEqualTo(Intent.NOT_A_RESET);

        Files.writeString(rules.resolve("keywords.yaml"), Files.readString(rules.resolve("keywords.yaml"))
                .replace("printer,", ""));
        assertThat(classifier.reload().files()).containsExactly("password-reset.drl");
        assertThat(classifier.classify(printer).intent()).as("a designer's change, live without a restart").isEqualTo(Intent.RESET);

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
        assertThatThrownBy(classifier::reload).isInstanceOf(RuleBaseException.class)
                .satisfies(e -> assertThat(((RuleBaseException) e).problems())
                        .anySatisfy(p -> {
                            assertThat(p.file()).isEqualTo("broken.drl");
                            assertThat(p.line()).isEqualTo(6);
                        }));
        assertThat(classifier.classify(printer).intent()).as("the old rule base keeps serving").isEqualTo(Intent.RESET);
        assertThat(classifier.summary().files()).containsExactly("password-reset.drl");
    }

    @Test
    void theFolderWatchReloadsAChangedFolderAndKeepsServingWhenItBreaks(@TempDir Path rules) throws IOException {
        copyShippedRules(rules);
        TicketClassifier classifier = new TicketClassifier(null, rules);
        RulesFolderWatch watch = new RulesFolderWatch(classifier, rules);
        TicketFacts zoom = new TicketFacts("Zoom", "I forgot the password for the Zoom meeting");
        assertThat(classifier.classify(zoom).intent()).isEqualTo(Intent.NOT_A_RESET);

        Files.writeString(rules.resolve("keywords.yaml"), Files.readString(rules.resolve("keywords.yaml")).replace(" zoom,", ""));
        watch.check();
        assertThat(classifier.classify(zoom).intent()).isEqualTo(Intent.RESET);

        Files.writeString(rules.resolve("password-reset.drl"), "package rules;\nrule \"half\"\nwhen\n");
        watch.check();
        assertThat(classifier.classify(zoom).intent()).as("the old rule base keeps serving").isEqualTo(Intent.RESET);
    }

    @Test
    void aRuleAskingForAKeywordListThatDoesNotExistIsNamedWithItsLine(@TempDir Path rules) throws IOException {
        copyShippedRules(rules);
        Files.writeString(rules.resolve("password-reset.drl"), Files.readString(rules.resolve("password-reset.drl"))
                .replace("keywords.any(\"mfa\")", "keywords.any(\"two-factor\")"));

        assertThatThrownBy(() -> TicketClassifier.compile(rules)).isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("password-reset.drl line")
                .hasMessageContaining("keywords.any(\"two-factor\")");
    }

    @Test
    void brokenKeywordFilesAreRefusedWithTheirLine(@TempDir Path rules) throws IOException {
        copyShippedRules(rules);
        Files.writeString(rules.resolve("keywords.yaml"), "lists:\n  password: [password\nautotask: {}\n");
        assertThatThrownBy(() -> TicketClassifier.compile(rules)).isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("keywords.yaml line");

        Files.writeString(rules.resolve("keywords.yaml"), "lists:\n  password: [\"a|b\"]\nautotask: {}\n");
        assertThatThrownBy(() -> TicketClassifier.compile(rules)).hasMessageContaining("without '|'");

        Files.writeString(rules.resolve("keywords.yaml"), "lists:\n  password: [pw]\nautotask:\n  password-reset-queues: [abc]\n");
        assertThatThrownBy(() -> TicketClassifier.compile(rules)).hasMessageContaining("whole numbers");

        Files.writeString(rules.resolve("keywords.yaml"), "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]\n");
        assertThatThrownBy(() -> TicketClassifier.compile(rules)).isInstanceOf(RuleBaseException.class);
    }

    @Test
    void aFolderWithoutRulesIsRefused(@TempDir Path empty) {
        assertThatThrownBy(() -> TicketClassifier.compile(empty))
                .isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("No *.drl rule files");
    }

    private static void copyShippedRules(Path into) throws IOException {
        try (Stream<Path> shipped = Files.list(Path.of("rules"))) {
            for (Path file : shipped.toList()) {
                Files.copy(file, into.resolve(file.getFileName()));
            }
        }
    }

    private static Classification classify(String title, String description) {
        return RULES.classify(new TicketFacts(title, description, null, null, null, null, "Alice Anders", "alice@acme.test", ""));
    }
}
