package io.rotabot.organization;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.rotabot.matching.MatchingSync;
import io.rotabot.testing.EndToEndEnvironment;
import io.rotabot.testing.VendorStubs;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Organizations from configuration and from IT Glue, and the Autotask company mapping IT Glue knows. */
class OrganizationsTest extends EndToEndEnvironment {

    @Autowired
    Organizations organizations;
    @Autowired
    MatchingSync sync;

    @Test
    void theVaultsOrganizationsJoinTheConfiguredOnesAndSyncWithTheirMatches() {
        vaultOrganizations("{\"id\":\"3821001\",\"type\":\"organizations\",\"attributes\":{\"name\":\"ACME Ltd (IT Glue)\"}},"
                + "{\"id\":\"4100200\",\"type\":\"organizations\",\"attributes\":{\"name\":\"Umbrella Corp. & Söhne\"}}");
        VendorStubs.itglueRecordList(ITGLUE, ACME_ITGLUE, "5001:alice@acme.test");

        MatchingSync.Report report = sync.syncAll();

        assertThat(organizations.byKey("umbrella-corp-sohne")).hasValueSatisfying(o -> {
            assertThat(o.itglueOrganizationId()).isEqualTo(4_100_200);
            assertThat(o.autotaskCompanyId()).isEmpty();
        });
        assertThat(organizations.byKey("acme")).hasValueSatisfying(o -> {
            assertThat(o.name()).as("configured names win").isEqualTo("ACME Ltd");
            assertThat(o.autotaskCompanyId()).contains(ACME_COMPANY);
        });
        assertThat(report.synced()).extracting(r -> r.organizationKey()).contains("acme");
        assertThat(report.failures()).as("initech's directory is down").anyMatch(f -> f.startsWith("initech: "));
        assertThat(sync.syncAll().newOrganizations()).as("known now").isZero();
    }

    @Test
    void aCompanyIsMappedToTheOrganizationItGlueSyncsItWith() {
        vaultOrganizations("{\"id\":\"4100300\",\"type\":\"organizations\",\"attributes\":{\"name\":\"Wayne Enterprises\"}}");
        ITGLUE.stubFor(get(urlPathEqualTo("/organizations")).withQueryParam("filter[psa_id]", equalTo("5005"))
                .withQueryParam("filter[psa_integration_type]", equalTo("autotask"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", VendorStubs.JSON_API).withBody(
                        "{\"data\":[{\"id\":\"4100300\",\"type\":\"organizations\",\"attributes\":{\"name\":\"Wayne Enterprises\"}}],"
                        + "\"meta\":{\"current-page\":1,\"next-page\":null,\"total-pages\":1,\"total-count\":1}}")));
        ITGLUE.stubFor(get(urlPathEqualTo("/organizations")).withQueryParam("filter[psa_id]", equalTo("6006"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", VendorStubs.JSON_API)
                        .withBody("{\"data\":[],\"meta\":{\"current-page\":1,\"next-page\":null}}")));
        organizations.sync();

        Optional<Organization> wayne = organizations.byAutotaskCompany(5005);

        assertThat(wayne).hasValueSatisfying(o -> {
            assertThat(o.key()).isEqualTo("wayne-enterprises");
            assertThat(o.autotaskCompanyId()).contains(5005L);
        });
        ITGLUE.resetAll();
        assertThat(organizations.byAutotaskCompany(5005)).as("remembered, IT Glue not asked again").isEqualTo(wayne);
        assertThat(organizations.byAutotaskCompany(ACME_COMPANY)).map(Organization::key).contains("acme");
        vaultOrganizationsEmptyFor("6006");
        assertThat(organizations.byAutotaskCompany(6006)).isEmpty();
    }

    @Test
    void keysAreTypableAndUnique() {
        assertThat(Organizations.slug("Umbrella Corp. & Söhne")).isEqualTo("umbrella-corp-sohne");
        assertThat(Organizations.slug("  --ACME--  ")).isEqualTo("acme");
        assertThat(Organizations.slug("株式会社")).isEmpty();
    }

    private void vaultOrganizations(String data) {
        ITGLUE.stubFor(get(urlPathEqualTo("/organizations")).withQueryParam("filter[psa_id]", absent())
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", VendorStubs.JSON_API).withBody("{\"data\":["
                        + data + "],\"meta\":{\"current-page\":1,\"next-page\":null,\"total-pages\":1,\"total-count\":2}}")));
    }

    private void vaultOrganizationsEmptyFor(String psaId) {
        ITGLUE.stubFor(get(urlPathEqualTo("/organizations")).withQueryParam("filter[psa_id]", equalTo(psaId))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", VendorStubs.JSON_API)
                        .withBody("{\"data\":[],\"meta\":{\"current-page\":1,\"next-page\":null}}")));
    }
}
