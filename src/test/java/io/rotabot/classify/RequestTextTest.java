package io.rotabot.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The requester's new text, with quoted history, signatures and disclaimers set aside. */
class RequestTextTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "Thanks, all good now.\n\n-----Original Message-----\nFrom: Alice\nSent: Monday\n\nI forgot my password",
        "Thanks, all good now.\n\nFrom: Helpdesk <help@acme.test>\nSent: Tuesday, June 4, 2024 9:12 AM\nTo: Alice\nSubject: Password\n\nI forgot my password",
        "Thanks, all good now.\n\nVon: Helpdesk\nGesendet: Dienstag, 4. Juni 2024 09:12\nAn: Alice\n\nI forgot my password",
        "Thanks, all good now.\n\nDe : Support\nEnvoyé : mardi 4 juin 2024 09:12\nÀ : Alice\n\nI forgot my password",
        "Thanks, all good now.\n\nDe: Soporte\nEnviado: martes, 4 de junio de 2024 9:12\n\nI forgot my password",
        "Thanks, all good now.\n\nVan: Helpdesk\nVerzonden: dinsdag 4 juni 2024 09:12\n\nI forgot my password",
        "Thanks, all good now.\n\nOn Tue, 4 Jun 2024 at 09:12, Helpdesk <help@acme.test> wrote:\n> I forgot my password",
        "Thanks, all good now.\n\nOn Tue, 4 Jun 2024 at 09:12, Helpdesk <help@acme.test>\nwrote:\nI forgot my password",
        "Thanks, all good now.\n\nAm Di., 4. Juni 2024 um 09:12 Uhr schrieb Helpdesk <help@acme.test>:\nI forgot my password",
        "Thanks, all good now.\n\nLe mar. 4 juin 2024 à 09:12, Support <support@acme.test> a écrit :\nI forgot my password",
        "Thanks, all good now.\n\nEl mar, 4 jun 2024 a las 9:12, Soporte (<soporte@acme.test>) escribió:\nI forgot my password",
        "Thanks, all good now.\n\nOp di 4 jun. 2024 om 09:12 schreef Helpdesk <help@acme.test>:\nI forgot my password",
        "Thanks, all good now.\n> I forgot my password\n>> and I am locked out",
        "Thanks, all good now.\n-- \nAlice Anders | I forgot my password",
        "Thanks, all good now. -----Original Message----- From: Alice Sent: Monday I forgot my password"})
    void quotedHistoryIsSetAside(String description) {
        RequestText text = RequestText.of(description);

        assertThat(text.request()).isEqualTo("Thanks, all good now.");
        assertThat(text.setAside()).contains("I forgot my password");
        assertThat(text.cut()).isTrue();
        assertThat(text.quotes()).isEqualTo(!description.contains("-- \n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Kind regards,", "Best regards", "Mit freundlichen Grüßen", "Viele Grüße", "Cordialement,",
        "Saludos,", "Un saludo", "Met vriendelijke groet,", "Thanks, Alice", "Sent from my iPhone", "Envoyé de mon iPhone",
        "This email and any attachments are confidential and intended solely for the addressee."})
    void aSignatureAndADisclaimerAfterTheRequestAreSetAside(String closing) {
        RequestText text = RequestText.of("Please reset my password, it expired.\n\n" + closing
                + "\nAlice Anders\nACME Ltd | Windows team | https://portal.acme.test");

        assertThat(text.request()).isEqualTo("Please reset my password, it expired.");
        assertThat(text.setAside()).contains("portal.acme.test");
        assertThat(text.quotes()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mrs R. Okafor", "Mrs. R. Okafor", "R. Okafor", "Dr J. P. Okafor", "Rachel Okafor"})
    void aSignatureIsSignedWithTheNameAfterATitleAndInitials(String signed) {
        RequestText text = RequestText.of("Please reset my password, I forgot it.\n\nMany thanks,\n" + signed + "\nYear 4 Teacher");

        assertThat(RequestText.signedName(text.setAside())).endsWith("Okafor");
    }

    @Test
    void aSignOffLineAfterTheTextIsSetAside() {
        RequestText text = RequestText.of("Caller forgot the password, wants a reset.\n\n-- Logged by MSP Service Desk (JW)");

        assertThat(text.request()).isEqualTo("Caller forgot the password, wants a reset.");
        assertThat(text.setAside()).isEqualTo("-- Logged by MSP Service Desk (JW)");
    }

    @Test
    void aSignatureWithoutAClosingThatStartsWithTheRequestersNameIsSetAside() {
        RequestText text = RequestText.of("Forgot my password, please reset it.\n\nTom Harris\nSenior Surveyor\nHarris & Co | ACME Group")
                .signedBy("Tom Harris");

        assertThat(text.request()).isEqualTo("Forgot my password, please reset it.");
        assertThat(text.setAside()).startsWith("Tom Harris\nSenior Surveyor");
    }

    @Test
    void aPostscriptBelowASignatureIsTheRequestersText() {
        RequestText text = RequestText.of("Please reset my password.\n\nThanks,\nAlice\nACME Ltd\nP.S. and Ben's too");

        assertThat(text.request()).startsWith("Please reset my password.").endsWith("\nP.S. and Ben's too");
        assertThat(text.setAside()).isEqualTo("Thanks,\nAlice\nACME Ltd");
        assertThat(RequestText.of("Reset my password.\nAlice Anders\nPS: and Ben's").signedBy("Alice Anders").request())
                .contains("PS: and Ben's");
    }

    @Test
    void aLineOfTextThatStartsWithTheRequestersNameStays() {
        String own = "Call logged 08:42.\nPriya Shah rang in from her desk phone, she forgot her password.";

        assertThat(RequestText.of(own).signedBy("Priya Shah").request()).isEqualTo(own);
    }

    @Test
    void theRequestersOwnTextStaysWhole() {
        String own = "Hi,\nI forgot my password.\nThanks for your help with the printer yesterday, by the way, it works now.\nAlice";

        RequestText text = RequestText.of(own);

        assertThat(text.request()).isEqualTo(own);
        assertThat(text.cut()).isFalse();
    }

    @Test
    void aClosingBeforeAnyRequestIsNoSignature() {
        assertThat(RequestText.of("Thanks\nplease reset my password").request()).isEqualTo("Thanks\nplease reset my password");
    }

    @Test
    void aLineStartingWithOnIsNoQuoteUnlessSomeoneWrote() {
        String own = "On Monday my password expired.\nOn my laptop I cannot log in.";

        assertThat(RequestText.of(own).request()).isEqualTo(own);
    }

    @Test
    void nothingIsEmpty() {
        assertThat(RequestText.of(null)).isEqualTo(new RequestText("", "", false));
        assertThat(RequestText.of("")).isEqualTo(new RequestText("", "", false));
    }

    @Test
    void hostileTextIsReadInLinearTime() {
        String[] hostile = {
            "On ".repeat(6_700),
            "On 1 ".repeat(4_000) + "\n" + "x".repeat(1_000),
            ">".repeat(20_000),
            "From: x\n".repeat(2_500),
            "From: " + "a".repeat(19_990),
            "Thanks, ".repeat(2_500),
            "\n".repeat(20_000),
            "-----Original".repeat(1_500),
            ("Kind regards " + "a ".repeat(40) + "\n").repeat(200),
            "a".repeat(20_000)};
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (String text : hostile) {
                RequestText.of(text);
            }
        });
    }
}
