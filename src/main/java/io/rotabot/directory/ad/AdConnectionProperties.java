package io.rotabot.directory.ad;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code rotabot.directory.connections.<organization key>.*}: how to reach each organization's Active
 * Directory. Passwords are only ever sent over LDAPS or StartTLS.
 *
 * @param connections per organization key
 */
@Validated
@ConfigurationProperties("rotabot.directory")
record AdConnectionProperties(@DefaultValue Map<String, @Valid Connection> connections) {

    /**
     * @param urls domain controllers, tried in order: {@code ldaps://dc1:636} or {@code ldap://dc1:389} with start-tls
     * @param startTls upgrade {@code ldap://} connections with StartTLS; required for them
     * @param caCertificate PEM file of the CA that signed the DCs' certificates; empty = the JVM trust store
     * @param bindDn the service account (DN or UPN) that resets passwords
     * @param bindPassword its password (from the environment)
     * @param baseDn where user accounts are searched
     * @param connectTimeout TCP and TLS handshake limit
     * @param responseTimeout limit for one LDAP operation
     * @param honorPasswordHistory send LDAP_SERVER_POLICY_HINTS with each reset, so the DC refuses a
     *                             password from the account's history; a DC that does not know the
     *                             control (before Windows Server 2012, Samba) then refuses every reset
     * @param poolSize service-account connections kept open per organization
     */
    record Connection(@NotEmpty List<URI> urls, @DefaultValue("false") boolean startTls, Path caCertificate,
                      @NotBlank String bindDn, @NotBlank String bindPassword, @NotBlank String baseDn,
                      @DefaultValue("5s") Duration connectTimeout, @DefaultValue("15s") Duration responseTimeout,
                      @DefaultValue("false") boolean honorPasswordHistory, @DefaultValue("4") @Positive int poolSize) {
    }
}
