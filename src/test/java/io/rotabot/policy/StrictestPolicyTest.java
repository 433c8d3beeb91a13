package io.rotabot.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rotabot.directory.DirectoryPasswordPolicy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The most restrictive of the settings and the directory's own policy wins, and says so. */
class StrictestPolicyTest {

    @Test
    void aLongerDirectoryMinimumWinsWithAWarning() {
        List<String> warnings = new ArrayList<>();

        PasswordPolicy policy = PasswordPolicies.strictest(new PasswordPolicy(10, true, true, true, true),
                new DirectoryPasswordPolicy(14, true), warnings);

        assertThat(policy.length()).isEqualTo(14);
        assertThat(warnings).singleElement().asString().contains("shorter than the directory's 14");
    }

    @Test
    void complexityAddsTheMissingKindsOfCharacters() {
        List<String> warnings = new ArrayList<>();

        PasswordPolicy policy = PasswordPolicies.strictest(new PasswordPolicy(16, false, true, false, false),
                new DirectoryPasswordPolicy(8, true), warnings);

        assertThat(policy).isEqualTo(new PasswordPolicy(16, true, true, true, false));
        assertThat(warnings).singleElement().asString().contains("demands complex passwords");
    }

    @Test
    void settingsStricterThanTheDirectoryStayAsTheyAre() {
        List<String> warnings = new ArrayList<>();
        PasswordPolicy settings = new PasswordPolicy(24, true, true, true, false);

        assertThat(PasswordPolicies.strictest(settings, new DirectoryPasswordPolicy(12, true), warnings)).isEqualTo(settings);
        assertThat(warnings).isEmpty();
    }
}
