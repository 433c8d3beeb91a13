package io.rotabot.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The AES-256 key that protects secrets at rest: from {@code rotabot.security.master-key} (Base64, for
 * an environment variable) or from {@code rotabot.security.master-key-file}. Only the demo may create the file.
 */
@Component
public class MasterKey {

    private static final int KEY_BYTES = 32;

    private final SecretKey key;

    public MasterKey(SecurityProperties properties) {
        this.key = new SecretKeySpec(load(properties), "AES");
    }

    SecretKey key() {
        return key;
    }

    private static byte[] load(SecurityProperties properties) {
        if (properties.masterKey() != null && !properties.masterKey().isBlank()) {
            return decode(properties.masterKey(), "rotabot.security.master-key");
        }
        Path file = properties.masterKeyFile();
        if (file == null) {
            throw new IllegalStateException("No master key: set ROTABOT_SECURITY_MASTER_KEY to 32 random bytes in Base64 "
                    + "(openssl rand -base64 32) or rotabot.security.master-key-file to a file holding them");
        }
        try {
            if (!Files.exists(file) && properties.generateMasterKey()) {
                generate(file);
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the master key file " + file, e);
        }
    }

    private static void generate(Path file) throws IOException {
        byte[] fresh = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(fresh);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file system's ACLs apply
        }
    }

    private static byte[] decode(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The master key in " + source + " is not Base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException("The master key in " + source + " has " + bytes.length
                    + " bytes; AES-256 needs " + KEY_BYTES);
        }
        return bytes;
    }
}
