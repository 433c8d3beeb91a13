package io.rotabot.directory.entra;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code rotabot.entra.connections.<organization key>.*}: how to reach each organization's Entra ID tenant.
 *
 * @param connections per organization key
 */
@Validated
@ConfigurationProperties("rotabot.entra")
record EntraConnectionProperties(@DefaultValue Map<String, @Valid Connection> connections) {

    /** Whose app reaches the tenant. */
    enum Access {
        /** An app registration in the customer's own tenant. */
        CUSTOMER_APP,
        /** The MSP's multi-tenant app, with roles granted through GDAP. */
        MSP_GDAP
    }

    /**
     * @param tenantId the customer's tenant id (or primary domain)
     * @param clientId the app's client id
     * @param clientSecret the app's secret (from the environment); or a certificate
     * @param clientCertificate a PEM file with the app's certificate and private key, instead of a secret
     * @param access whose app this is, which decides how a refusal is reported
     * @param graphUrl Graph's base URL
     * @param authorityHost the identity platform's address
     * @param caCertificate a PEM CA certificate to trust instead of the JVM's (a TLS-inspecting proxy)
     * @param connectTimeout TCP connect limit
     * @param readTimeout limit for one answer
     */
    record Connection(@NotBlank String tenantId, @NotBlank String clientId, String clientSecret, Path clientCertificate,
                      @DefaultValue("CUSTOMER_APP") Access access,
                      @NotNull @DefaultValue("https://graph.microsoft.com/v1.0") URI graphUrl,
                      @NotNull @DefaultValue("https://login.microsoftonline.com/") URI authorityHost,
                      Path caCertificate,
                      @DefaultValue("5s") Duration connectTimeout, @DefaultValue("30s") Duration readTimeout) {
    }
}
