package io.rotabot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VendorTextTest {

    @Test
    void windowsAdsTrailingNulAndOtherControlCharactersBecomeNothingAPostgresColumnRefuses() {
        String ad = "0000052D: Constraint violation - check_password_restrictions: the password does not meet the "
                + "complexity criteria!\u0000";
        assertThat(VendorText.clean(ad)).endsWith("criteria!").doesNotContain("\u0000");
        assertThat(VendorText.clean("a\r\nb\tc\u202Ed\u200Be\u0007f")).isEqualTo("a b cde f");
        assertThat(VendorText.clean(null)).isEmpty();
    }

    @Test
    void longTextIsCutWithAnEllipsis() {
        assertThat(VendorText.clean("x".repeat(5000))).hasSize(VendorText.MAX_LENGTH).endsWith("…");
        assertThat(VendorText.clean("abcdef", 4)).isEqualTo("abc…");
    }
}
