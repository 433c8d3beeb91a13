package io.rotabot.vault.itglue;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.rotabot.ExternalCalls;
import io.rotabot.security.Secret;
import io.rotabot.vault.Vault;
import io.rotabot.vault.VaultRecord;
import io.rotabot.vault.VaultUnavailableException;
import io.rotabot.vault.VaultUpdate;
import io.rotabot.vault.itglue.client.ApiClient;
import io.rotabot.vault.VaultOrganization;
import io.rotabot.vault.itglue.client.api.OrganizationsApi;
import io.rotabot.vault.itglue.client.api.PasswordsApi;
import io.rotabot.vault.itglue.client.model.OrganizationResource;
import io.rotabot.vault.itglue.client.model.OrganizationsDocument;
import io.rotabot.vault.itglue.client.model.PageMeta;
import io.rotabot.vault.itglue.client.model.PasswordResource;
import io.rotabot.vault.itglue.client.model.PasswordsDocument;
import io.rotabot.vault.itglue.client.model.PasswordAttributes;
import io.rotabot.vault.itglue.client.model.PasswordCreateDocument;
import io.rotabot.vault.itglue.client.model.PasswordCreateDocumentData;
import io.rotabot.vault.itglue.client.model.PasswordCreateDocumentDataAttributes;
import io.rotabot.vault.itglue.client.model.PasswordDocument;
import io.rotabot.vault.itglue.client.model.PasswordUpdateDocument;
import io.rotabot.vault.itglue.client.model.PasswordUpdateDocumentData;
import io.rotabot.vault.itglue.client.model.PasswordUpdateDocumentDataAttributes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * IT Glue passwords through the generated client. Throttling and server errors are retried (see
 * {@link ExternalCalls}); a refusal of this one record is an answer, a refusal of our key is an outage.
 * At most {@code rotabot.itglue.max-concurrent-calls} calls run at once, so a hanging IT Glue holds no
 * more job threads than that; a call that finds no place within {@code concurrent-calls-wait}, or that the
 * request budget holds back too long, is an outage without being sent. Settings under which a step's
 * calls could outlast the engine's job lock stop the start.
 */
@Component
@EnableConfigurationProperties(ITGlueProperties.class)
class ITGlueVault implements Vault {

    private static final int MAX_PAGES = 10_000;

    private final PasswordsApi passwords;
    private final OrganizationsApi organizationsApi;
    private final int pageSize;
    private final Retry retry;
    private final RateLimiter rateLimiter;
    private final Bulkhead concurrent;

    ITGlueVault(ITGlueProperties properties, RetryRegistry retries, RateLimiterRegistry rateLimiters, BulkheadRegistry bulkheads,
                @Value("${camunda.bpm.job-execution.lock-time-in-millis:300000}") long jobLockMillis) {
        properties.bounds().requireWithin(Duration.ofMillis(jobLockMillis), "rotabot.itglue");
        ApiClient client = new ApiClient(ExternalCalls.restClient(ApiClient.buildRestClientBuilder(),
                properties.connectTimeout(), properties.readTimeout()));
        client.setBasePath(properties.baseUrl().toString().replaceAll("/+$", ""));
        client.setApiKey(properties.apiKey());
        this.passwords = new PasswordsApi(client);
        this.organizationsApi = new OrganizationsApi(client);
        this.pageSize = properties.pageSize();
        this.retry = ExternalCalls.retry(retries, "itglue", properties.maxAttempts(), properties.firstBackoff(),
                properties.maxWait());
        // IT Glue allows 3,000 requests per 5 minutes per account
        this.rateLimiter = rateLimiters.rateLimiter("itglue", RateLimiterConfig.custom()
                .limitForPeriod(properties.requestsPer5Minutes())
                .limitRefreshPeriod(Duration.ofMinutes(5))
                .timeoutDuration(properties.rateLimitWait())
                .build());
        this.concurrent = ExternalCalls.bulkhead(bulkheads, "itglue", properties.maxConcurrentCalls(),
                properties.concurrentCallsWait());
    }

    /** One request, retried within its bounds; the limits' refusals are outages (RestClientExceptions go to the caller). */
    private <T> T call(java.util.function.Supplier<T> request) {
        try {
            return Bulkhead.decorateSupplier(concurrent,
                    Retry.decorateSupplier(retry, RateLimiter.decorateSupplier(rateLimiter, request))).get();
        } catch (BulkheadFullException busy) {
            throw new VaultUnavailableException("IT Glue already has " + concurrent.getBulkheadConfig().getMaxConcurrentCalls()
                    + " calls under way on this node (rotabot.itglue.max-concurrent-calls) and none ended within "
                    + concurrent.getBulkheadConfig().getMaxWaitDuration().toMillis() + " ms; this one was not sent", busy);
        } catch (RequestNotPermitted spent) {
            throw new VaultUnavailableException("IT Glue's budget of " + rateLimiter.getRateLimiterConfig().getLimitForPeriod()
                    + " requests per 5 minutes is used up on this node; this request was not sent", spent);
        }
    }

    @Override
    public List<VaultOrganization> organizations() {
        List<VaultOrganization> all = new ArrayList<>();
        pages("Listing organizations", page -> organizationsApi.listOrganizations(null, null, page, pageSize),
                OrganizationsDocument::getMeta, document -> document.getData().forEach(o -> all.add(toOrganization(o))));
        return all;
    }

    @Override
    public Optional<VaultOrganization> organizationOfPsaCompany(long autotaskCompanyId) {
        OrganizationsDocument found = read("Finding the organization of Autotask company " + autotaskCompanyId,
                () -> organizationsApi.listOrganizations(Long.toString(autotaskCompanyId), "autotask", 1, 2));
        List<OrganizationResource> data = found.getData() == null ? List.of() : found.getData();
        return data.size() == 1 ? Optional.of(toOrganization(data.get(0))) : Optional.empty();
    }

    @Override
    public List<VaultRecord> records(long organizationId) {
        List<VaultRecord> all = new ArrayList<>();
        pages("Listing the password records of organization " + organizationId,
                page -> passwords.listPasswords(Long.toString(organizationId), page, pageSize),
                PasswordsDocument::getMeta, document -> document.getData().forEach(r -> all.add(toRecord(r))));
        return all;
    }

    /** Follows meta.next-page until IT Glue says there is none. */
    private <D> void pages(String what, java.util.function.IntFunction<D> fetch, java.util.function.Function<D, PageMeta> meta,
                           java.util.function.Consumer<D> each) {
        Integer page = 1;
        for (int fetched = 0; page != null; fetched++) {
            if (fetched == MAX_PAGES) {
                throw new VaultUnavailableException(what + " in IT Glue stopped after " + MAX_PAGES + " pages", null);
            }
            int number = page;
            D document = read(what, () -> fetch.apply(number));
            each.accept(document);
            PageMeta paging = meta.apply(document);
            page = paging == null || paging.getNextPage() == null || paging.getNextPage() <= number ? null : paging.getNextPage();
        }
    }

    private <T> T read(String what, java.util.function.Supplier<T> request) {
        try {
            T answer = call(request);
            if (answer == null) {
                throw new VaultUnavailableException(what + " in IT Glue failed: an empty answer", null);
            }
            return answer;
        } catch (RestClientException e) {
            throw unavailable(what, e);
        }
    }

    @Override
    public Optional<VaultRecord> record(String recordId) {
        try {
            return Optional.of(toRecord(call(() -> passwords.getPassword(recordId, false, null)).getData()));
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
            return readBack(recordId, password);
        } catch (RestClientResponseException e) {
            return refusal(e, "record " + recordId, "Updating password record " + recordId);
        } catch (RestClientException e) {
            throw unavailable("Updating password record " + recordId, e);
        }
    }

    @Override
    public VaultUpdate createPassword(long organizationId, String name, String username, String notes, Secret password) {
        PasswordCreateDocument create = new PasswordCreateDocument().data(new PasswordCreateDocumentData()
                .type(PasswordCreateDocumentData.TypeEnum.PASSWORDS)
                .attributes(new PasswordCreateDocumentDataAttributes()
                        .organizationId(organizationId).name(name).username(username).notes(notes).password(password.reveal())));
        try {
            PasswordDocument created = call(() -> passwords.createPassword(create));
            if (created == null || created.getData() == null || created.getData().getId() == null) {
                return VaultUpdate.failed(VaultUpdate.Result.NOT_CONFIRMED, "IT Glue answered the new record without its id");
            }
            return readBack(created.getData().getId(), password);
        } catch (RestClientResponseException e) {
            return refusal(e, "a new record in organization " + organizationId, "Creating a password record in organization "
                    + organizationId);
        } catch (RestClientException e) {
            throw unavailable("Creating a password record in organization " + organizationId, e);
        }
    }

    /** Confirmed only when IT Glue returns the same password for the record. */
    private VaultUpdate readBack(String recordId, Secret password) {
        PasswordDocument stored = call(() -> passwords.getPassword(recordId, true, null));
        String readBack = stored.getData() == null || stored.getData().getAttributes() == null
                ? null : stored.getData().getAttributes().getPassword();
        if (readBack == null || !password.matches(readBack)) {
            return VaultUpdate.failed(VaultUpdate.Result.NOT_CONFIRMED,
                    "IT Glue accepted the password but does not return it for record " + recordId);
        }
        stored.getData().getAttributes().setPassword(null);
        return VaultUpdate.stored(toRecord(stored.getData()));
    }

    private static VaultUpdate refusal(RestClientResponseException e, String what, String doing) {
        return switch (e.getStatusCode().value()) {
            case 404 -> VaultUpdate.failed(VaultUpdate.Result.RECORD_GONE, "IT Glue has no " + what + " any more");
            case 403 -> VaultUpdate.failed(VaultUpdate.Result.NOT_PERMITTED,
                    "IT Glue refused access to " + what + ": the API key needs Password Access and the record must not be restricted");
            case 422 -> VaultUpdate.failed(VaultUpdate.Result.REJECTED,
                    "IT Glue rejected " + what + ": " + ExternalCalls.errorText(e));
            default -> throw unavailable(doing, e);
        };
    }

    private static VaultUnavailableException unavailable(String what, RestClientException e) {
        String hint = "";
        if (e instanceof RestClientResponseException response) {
            hint = switch (response.getStatusCode().value()) {
                case 401 -> " — IT Glue refused the API key (rotabot.itglue.api-key); is it revoked or for another region?";
                case 403 -> " — the API key lacks access; it needs Password Access for password records";
                default -> "";
            };
        }
        return new VaultUnavailableException(what + " in IT Glue failed: " + ExternalCalls.describe(e) + hint, e);
    }

    private static VaultOrganization toOrganization(OrganizationResource organization) {
        String name = organization.getAttributes() == null ? "" : nonNull(organization.getAttributes().getName());
        return new VaultOrganization(Long.parseLong(organization.getId()), name);
    }

    private static VaultRecord toRecord(PasswordResource resource) {
        if (resource == null || resource.getAttributes() == null) {
            throw new VaultUnavailableException("IT Glue answered without a password record", null);
        }
        PasswordAttributes a = resource.getAttributes();
        return new VaultRecord(resource.getId(),
                a.getOrganizationId() == null ? 0 : a.getOrganizationId(),
                nonNull(a.getName()), nonNull(a.getUsername()), nonNull(a.getUrl()), nonNull(a.getPasswordCategoryName()),
                nonNull(a.getResourceUrl()), Boolean.TRUE.equals(a.getRestricted()), Boolean.TRUE.equals(a.getArchived()),
                Optional.ofNullable(a.getPasswordUpdatedAt()), Optional.ofNullable(a.getUpdatedAt()));
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
