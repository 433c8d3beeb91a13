package io.rotabot.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets at rest with AES-256-GCM under the master key. The context (for example a rotation
 * id) is bound as associated data, so a ciphertext copied to another row does not decrypt there.
 */
@Component
public class SecretCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final MasterKey masterKey;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(MasterKey masterKey) {
        this.masterKey = masterKey;
    }

    public String encrypt(Secret secret, String context) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] plain = secret.asUtf8();
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, context);
            byte[] sealed = cipher.doFinal(plain);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption with the master key failed", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    public Secret decrypt(String ciphertext, String context) {
        byte[] all = Base64.getDecoder().decode(ciphertext);
        if (all.length <= IV_BYTES) {
            throw new IllegalStateException("Ciphertext for " + context + " is truncated");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(all, IV_BYTES), context);
            byte[] plain = cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
            try {
                return Secret.ofUtf8(plain);
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ciphertext for " + context
                    + " does not decrypt: wrong master key or a tampered row", e);
        }
    }

    private Cipher cipher(int mode, byte[] iv, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, masterKey.key(), new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
