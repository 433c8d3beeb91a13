package io.rotabot.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private final SecretCipher cipher = new SecretCipher(new MasterKey(new SecurityProperties(KEY, null, false, "admin", "x")));

    @Test
    void decryptsWhatItEncryptedForTheSameContext() {
        String sealed = cipher.encrypt(Secret.of("Sümmer-2026!"), "rotation-1");

        assertThat(sealed).doesNotContain("mmer");
        assertThat(cipher.decrypt(sealed, "rotation-1").reveal()).isEqualTo("Sümmer-2026!");
        assertThat(cipher.encrypt(Secret.of("Sümmer-2026!"), "rotation-1")).as("a fresh IV each time").isNotEqualTo(sealed);
    }

    @Test
    void aCiphertextMovedToAnotherRowOrAlteredDoesNotDecrypt() {
        String sealed = cipher.encrypt(Secret.of("Winter-2026!"), "rotation-1");
        byte[] altered = Base64.getDecoder().decode(sealed);
        altered[altered.length - 1] ^= 1;

        assertThatIllegalStateException().isThrownBy(() -> cipher.decrypt(sealed, "rotation-2"))
                .withMessageContaining("does not decrypt");
        assertThatIllegalStateException().isThrownBy(() -> cipher.decrypt(Base64.getEncoder().encodeToString(altered), "rotation-1"));
    }

    @Test
    void anotherMasterKeyCannotRead() {
        String sealed = cipher.encrypt(Secret.of("Autumn-2026!"), "rotation-1");
        byte[] other = new byte[32];
        other[0] = 1;
        SecretCipher stranger = new SecretCipher(new MasterKey(
                new SecurityProperties(Base64.getEncoder().encodeToString(other), null, false, "admin", "x")));

        assertThatIllegalStateException().isThrownBy(() -> stranger.decrypt(sealed, "rotation-1"));
    }

    @Test
    void theDemoCreatesItsKeyFileOnceAndKeepsIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("demo/master.key");
        SecurityProperties demo = new SecurityProperties(null, file, true, "admin", "x");
        String sealed = new SecretCipher(new MasterKey(demo)).encrypt(Secret.of("Spring-2026!"), "r");

        assertThat(Files.readString(file)).hasSize(44);
        assertThat(new SecretCipher(new MasterKey(demo)).decrypt(sealed, "r").reveal()).isEqualTo("Spring-2026!");
    }

    @Test
    void aMissingOrShortKeyStopsTheStartWithAHint() {
        assertThatIllegalStateException().isThrownBy(() -> new MasterKey(new SecurityProperties(null, null, false, "a", "x")))
                .withMessageContaining("ROTABOT_SECURITY_MASTER_KEY");
        assertThatIllegalStateException().isThrownBy(() -> new MasterKey(new SecurityProperties("c2hvcnQ=", null, false, "a", "x")))
                .withMessageContaining("needs 32");
    }
}
