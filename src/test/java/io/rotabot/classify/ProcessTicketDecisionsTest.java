package io.rotabot.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tickets the process tests (workflow, intake, Samba) send through the whole process, pinned here with the
 * decisions those tests rely on, as they send them: title, description, and the requester's contact as the Autotask
 * stubs give it (named "Test Person", with the address of the contact). A change of the rules that moves one of them
 * breaks this test first, with the rules' reasons, instead of a process test far away.
 */
class ProcessTicketDecisionsTest {

    private static final TicketClassifier.RuleBase RULES = TicketClassifier.compile(Path.of("rules"));

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "-", value = {
        // title | description | requester | intent | scenario | targets (;) | privileged | someone else
        "Forgot my password | I forgot my password and cannot log in to my PC. | alice@acme.test | RESET | password-rotation | - | false | false",
        "Forgot my password | I forgot my password and cannot log in to my PC. | dave.admin@acme.test | RESET | password-rotation | - | false | false",
        "Locked out | I forgot my password and now I am locked out of my computer. Please help! | alice@acme.test | RESET | password-rotation | - | false | false",
        "Password expired | My Windows password expired and I cannot log in. Please reset it. | alice@acme.test | RESET | password-rotation | - | false | false",
        "Forgot my password | Hi, I forgot my password and I am locked out. Alice | alice@acme.test | RESET | password-rotation | - | false | false",
        "Password expired | My password expired and I cannot log in. Please reset it. Carol | carol@globex.test | RESET | password-rotation | - | false | false",
        "Password expired | My password expired, reset please | alice@acme.test | RESET | password-rotation | - | false | false",
        "Forgot my password | I forgot my password, please reset it | alice@acme.test | RESET | password-rotation | - | false | false",
        "Password reset | I forgot my password | alice@acme.test | RESET | password-rotation | - | false | false",
        "Password for Bob | Hi, can you please reset the password of bob@acme.test? He forgot it. Thanks, Alice | alice@acme.test | UNSURE | - | bob@acme.test | false | true",
        "Reset for Bob | Please reset the password for bob@acme.test | alice@acme.test | UNSURE | - | bob@acme.test | false | true",
        "Two resets | Please reset the passwords of bob@acme.test and nobody@acme.test, both locked out. | alice@acme.test | UNSURE | - | bob@acme.test;nobody@acme.test | false | true",
        "Password for Bob | Please reset the password of bob@acme.test, he is locked out. | alice@acme.test | UNSURE | - | bob@acme.test | false | true",
        "Reset Carol | Please reset the password of carol@globex.test | alice@acme.test | UNSURE | - | carol@globex.test | false | true",
        "Admin password | Please reset the password of adm-dave@acme.test | alice@acme.test | UNSURE | - | adm-dave@acme.test | true | true",
        "Admin password | Please reset the global admin password, we are locked out of the tenant. | alice@acme.test | UNSURE | - | - | true | -",
        "Locked out | My colleague forgot his password, please reset it. | alice@acme.test | UNSURE | - | - | false | true",
        "New starter | Please reset the password for Jane Roe, our new starter, she never got it. | alice@acme.test | UNSURE | - | Jane Roe | false | true",
        "Bob locked out | ACME\\bob is locked out after the weekend, please reset his password. | alice@acme.test | UNSURE | - | ACME\\bob | false | true",
        "Forgot my password | I forgot my Windows password, please send the new one by WhatsApp. | alice@acme.test | UNSURE | - | - | false | false",
        "Wi-Fi password | I forgot the wifi password of the guest network | alice@acme.test | NOT_A_RESET | - | - | false | false",
        "Printer | It jams. | alice@acme.test | NOT_A_RESET | - | - | false | false"})
    void theProcessTestsTicketsKeepTheirDecisions(String title, String description, String requester, Intent intent, String scenario,
                                                  String targets, boolean privileged, Boolean someoneElse) {
        Classification decision = RULES.classify(new TicketFacts(title, description, null, null, null, null, "Test Person", requester,
                "0"));

        assertThat(decision.intent()).as(decision.firedRules().toString()).isEqualTo(intent);
        if (scenario != null) {
            assertThat(decision.scenario()).isEqualTo(scenario);
        }
        List<String> named = targets == null ? List.of() : Arrays.asList(targets.split(";"));
        assertThat(decision.targets()).extracting(Target::value).containsExactlyElementsOf(named);
        assertThat(decision.privileged()).as("privileged").isEqualTo(privileged);
        if (someoneElse != null) {
            assertThat(decision.someoneElse()).as("someone else").isEqualTo(someoneElse);
        }
    }
}
