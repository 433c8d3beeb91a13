package io.rotabot.security;

import org.springframework.stereotype.Component;

/**
 * Secrets in configuration may be stored encrypted under the master key, as {@code {cipher}<Base64>}
 * ({@code POST /api/secrets} makes one), so a configuration file or environment dump does not hold
 * them in clear. Plain values still work, for secrets a vault or orchestrator injects.
 */
@Component
public class ConfigurationSecrets {

    static final String PREFIX = "{cipher}";
    private static final String CONTEXT = "rotabot-configuration";

    private final SecretCipher cipher;

    public ConfigurationSecrets(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** The value in clear, for the one call that needs it; {@code setting} names it in an error. */
    public String reveal(String value, String setting) {
        if (value == null || !value.startsWith(PREFIX)) {
            return value;
        }
        try (Secret secret = cipher.decrypt(value.substring(PREFIX.length()), CONTEXT)) {
            return secret.reveal();
        } catch (RuntimeException e) {
            throw new IllegalStateException(setting + " is encrypted but does not decrypt with this master key", e);
        }
    }

    /** The stored form of a secret. */
    public String encrypt(Secret secret) {
        return PREFIX + cipher.encrypt(secret, CONTEXT);
    }
}
