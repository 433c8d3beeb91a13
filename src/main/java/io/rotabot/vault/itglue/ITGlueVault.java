package io.rotabot.vault.itglue;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.rotabot.ExternalCalls;
import io.rotabot.security.Secret;
import io.rotabot.vault.Vault;
import io.rotabot.vault.VaultRecord;
import io.rotabot.vault.VaultUnavailableException;
import io.rotabot.vault.VaultUpdate;
import io.rotabot.vault.itglue.client.ApiClient;
import io.rotabot.vault.itglue.client.api.PasswordsApi;
import io.rotabot.vault.itglue.client.model.PasswordAttributes;
import io.rotabot.vault.itglue.client.model.PasswordDocument;
import io.rotabot.vault.itglue.client.model.PasswordUpdateDocument;
import io.rotabot.vault.itglue.client.model.PasswordUpdateDocumentData;
import io.rotabot.vault.itglue.client.model.PasswordUpdateDocumentDataAttributes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * IT Glue passwords through the generated client. Throttling and server errors are retried (see
 * {@link ExternalCalls}); a refusal of this one record is an answer, a refusal of our key is an outage.
 */
@Component
@EnableConfigurationProperties(ITGlueProperties.class)
class ITGlueVault implements Vault {

    private final PasswordsApi passwords;
    private final Retry retry;
    private final RateLimiter rateLimiter;

    ITGlueVault(ITGlueProperties properties, RetryRegistry retries, RateLimiterRegistry rateLimiters) {
        ApiClient client = new ApiClient(ExternalCalls.restClient(ApiClient.buildRestClientBuilder(),
                properties.connectTimeout(), properties.readTimeout()));
        client.setBasePath(properties.baseUrl().toString().replaceAll("/+$", ""));
        client.setApiKey(properties.apiKey());
        this.passwords = new PasswordsApi(client);
        this.retry = ExternalCalls.retry(retries, "itglue", properties.maxAttempts(), properties.firstBackoff(),
                properties.maxWait());
        // IT Glue allows 3,000 requests per 5 minutes per account
        this.rateLimiter = rateLimiters.rateLimiter("itglue", RateLimiterConfig.custom()
                .limitForPeriod(properties.requestsPer5Minutes())
                .limitRefreshPeriod(Duration.ofMinutes(5))
                .timeoutDuration(Duration.ofMinutes(5))
                .build());
    }

    private <T> T call(java.util.function.Supplier<T> request) {
        return Retry.decorateSupplier(retry, RateLimiter.decorateSupplier(rateLimiter, request)).get();
    }

    @Override
    public Optional<VaultRecord> record(String recordId) {
        try {
            return Optional.of(toRecord(call(() -> passwords.getPassword(recordId, false, null))));
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
                return Optional.empty();
            }
            throw unavailable("Reading password record " + recordId, e);
        } catch (RestClientException e) {
            throw unavailable("Reading password record " + recordId, e);
        }
    }

    @Override
    public VaultUpdate updatePassword(String recordId, Secret password) {
        PasswordUpdateDocument update = new PasswordUpdateDocument().data(new PasswordUpdateDocumentData()
                .type(PasswordUpdateDocumentData.TypeEnum.PASSWORDS)
                .attributes(new PasswordUpdateDocumentDataAttributes()
                        .password(password.reveal())
                        .passwordUpdatedAt(OffsetDateTime.now(ZoneOffset.UTC))));
        try {
            call(() -> passwords.updatePassword(recordId, update, false));
            PasswordDocument stored = call(() -> passwords.getPassword(recordId, true, null));
            String readBack = stored.getData() == null || stored.getData().getAttributes() == null
                    ? null : stored.getData().getAttributes().getPassword();
            if (readBack == null || !password.matches(readBack)) {
                return VaultUpdate.failed(VaultUpdate.Result.NOT_CONFIRMED,
                        "IT Glue accepted the update but does not return the new password for record " + recordId);
            }
            stored.getData().getAttributes().setPassword(null);
            return VaultUpdate.stored(toRecord(stored));
        } catch (RestClientResponseException e) {
            return switch (e.getStatusCode().value()) {
                case 404 -> VaultUpdate.failed(VaultUpdate.Result.RECORD_GONE,
                        "IT Glue has no password record " + recordId + " any more");
                case 403 -> VaultUpdate.failed(VaultUpdate.Result.NOT_PERMITTED,
                        "IT Glue refused access to record " + recordId + ": the API key needs Password Access"
                        + " and the record must not be restricted");
                case 422 -> VaultUpdate.failed(VaultUpdate.Result.REJECTED,
                        "IT Glue rejected the update of record " + recordId + ": " + ExternalCalls.errorText(e));
                default -> throw unavailable("Updating password record " + recordId, e);
            };
        } catch (RestClientException e) {
            throw unavailable("Updating password record " + recordId, e);
        }
    }

    private static VaultUnavailableException unavailable(String what, RestClientException e) {
        return new VaultUnavailableException(what + " in IT Glue failed: " + ExternalCalls.describe(e), e);
    }

    private static VaultRecord toRecord(PasswordDocument document) {
        if (document == null || document.getData() == null || document.getData().getAttributes() == null) {
            throw new VaultUnavailableException("IT Glue answered without a password record", null);
        }
        PasswordAttributes a = document.getData().getAttributes();
        return new VaultRecord(document.getData().getId(),
                a.getOrganizationId() == null ? 0 : a.getOrganizationId(),
                nonNull(a.getName()), nonNull(a.getUsername()), nonNull(a.getResourceUrl()),
                Boolean.TRUE.equals(a.getRestricted()), Boolean.TRUE.equals(a.getArchived()),
                Optional.ofNullable(a.getPasswordUpdatedAt()));
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
