package io.rotabot.security;

import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code rotabot.security.*}: the master key and the administrator of the REST API.
 *
 * @param masterKey the AES-256 master key, Base64 (normally from ROTABOT_SECURITY_MASTER_KEY)
 * @param masterKeyFile a file holding the master key in Base64
 * @param generateMasterKey create the key file when missing (demo only)
 * @param adminUser the administrator's user name for /api and /engine-rest
 * @param adminPassword the administrator's password (from the environment)
 */
@Validated
@ConfigurationProperties("rotabot.security")
public record SecurityProperties(String masterKey, Path masterKeyFile, boolean generateMasterKey,
                                 @NotBlank String adminUser, @NotBlank String adminPassword) {
}
