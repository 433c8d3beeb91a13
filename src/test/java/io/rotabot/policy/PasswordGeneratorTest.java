package io.rotabot.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.rotabot.security.Secret;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class PasswordGeneratorTest {

    private final PasswordGenerator generator = new PasswordGenerator();

    @RepeatedTest(20)
    void generatesTheRequiredLengthWithEveryRequiredClass() {
        String password = generator.generate(new PasswordPolicy(20, true, true, true, true), "alice").reveal();

        assertThat(password).hasSize(20)
                .containsPattern("[A-Z]").containsPattern("[a-z]").containsPattern("[0-9]")
                .containsPattern("[^A-Za-z0-9]")
                .doesNotContain("\"", "\\", " ", "'")
                .doesNotContainIgnoringCase("alice");
    }

    @Test
    void honoursAPolicyWithOnlySomeClasses() {
        String password = generator.generate(new PasswordPolicy(8, false, true, true, false), "bob").reveal();

        assertThat(password).hasSize(8).matches("[a-z0-9]{8}").containsPattern("[a-z]").containsPattern("[0-9]");
    }

    @Test
    void neverRepeatsItself() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seen.add(generator.generate(new PasswordPolicy(16, true, true, true, true), "carol").reveal());
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void aPolicyOutsideTheLimitsIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PasswordPolicy(7, true, true, true, true))
                .withMessageContaining("between 8 and 256");
        assertThatIllegalArgumentException().isThrownBy(() -> new PasswordPolicy(257, true, true, true, true));
        assertThatIllegalArgumentException().isThrownBy(() -> new PasswordPolicy(12, false, false, false, false))
                .withMessageContaining("character class");
    }

    @Test
    void theGeneratedSecretDoesNotPrintItself() {
        try (Secret secret = generator.generate(new PasswordPolicy(12, true, true, true, true), "dave")) {
            assertThat(secret.toString()).isEqualTo("Secret[redacted]").doesNotContain(secret.reveal());
        }
    }
}
