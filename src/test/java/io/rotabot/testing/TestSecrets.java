package io.rotabot.testing;

import io.rotabot.security.ConfigurationSecrets;
import io.rotabot.security.MasterKey;
import io.rotabot.security.Secret;
import io.rotabot.security.SecretCipher;
import io.rotabot.security.SecurityProperties;
import java.security.SecureRandom;
import java.util.Base64;

/** A master key for tests that build adapters by hand, and the configuration secrets it reads. */
public final class TestSecrets {

    private TestSecrets() {
    }

    public static String newMasterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public static ConfigurationSecrets configurationSecrets(String masterKey) {
        return new ConfigurationSecrets(new SecretCipher(new MasterKey(
                new SecurityProperties(masterKey, null, false, "admin", "unused"))));
    }

    public static ConfigurationSecrets configurationSecrets() {
        return configurationSecrets(newMasterKey());
    }

    /** The {cipher}… form of a value under this master key, as POST /api/secrets answers. */
    public static String encrypted(String masterKey, String value) {
        return configurationSecrets(masterKey).encrypt(Secret.of(value));
    }
}
