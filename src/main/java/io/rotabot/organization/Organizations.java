package io.rotabot.organization;

import io.rotabot.vault.Vault;
import io.rotabot.vault.VaultOrganization;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The MSP's customers: the configured ones, and every organization of the vault after a sync. An
 * Autotask company maps to at most one organization — the configured mapping, or the one the vault
 * knows (asked the first time a ticket of that company arrives) — so a ticket only ever acts on its
 * own customer's accounts.
 */
@Service
@EnableConfigurationProperties(OrganizationProperties.class)
public class Organizations {

    private static final Logger log = LoggerFactory.getLogger(Organizations.class);

    private final JdbcClient jdbc;
    private final Vault vault;

    Organizations(JdbcClient jdbc, Vault vault, OrganizationProperties properties) {
        this.jdbc = jdbc;
        this.vault = vault;
        configure(properties);
    }

    public List<Organization> all() {
        return jdbc.sql("select * from organizations order by organization_key").query(Organizations::toOrganization).list();
    }

    public Optional<Organization> byKey(String key) {
        return jdbc.sql("select * from organizations where organization_key = ?").param(key)
                .query(Organizations::toOrganization).optional();
    }

    /** The company's organization; asks the vault the first time, and remembers its answer. */
    @Transactional
    public Optional<Organization> byAutotaskCompany(long companyId) {
        Optional<Organization> known = jdbc.sql("select * from organizations where autotask_company_id = ?").param(companyId)
                .query(Organizations::toOrganization).optional();
        if (known.isPresent()) {
            return known;
        }
        Optional<VaultOrganization> inVault = vault.organizationOfPsaCompany(companyId);
        if (inVault.isEmpty()) {
            return Optional.empty();
        }
        Organization organization = byVaultId(inVault.get().id()).orElseGet(() -> insert(inVault.get()));
        if (organization.autotaskCompanyId().isPresent()) {
            // the vault maps this company to an organization configured for another company: trust neither
            log.warn("IT Glue maps Autotask company {} to {}, which is configured for company {}", companyId,
                    organization.key(), organization.autotaskCompanyId().get());
            return Optional.empty();
        }
        jdbc.sql("update organizations set autotask_company_id = ?, updated_at = ? where organization_key = ?")
                .params(companyId, Timestamp.from(Instant.now()), organization.key()).update();
        log.info("Autotask company {} is organization {} ({}), as IT Glue maps it", companyId, organization.key(), organization.name());
        return byKey(organization.key());
    }

    /** Adds the vault's organizations not known yet and refreshes the names of synced ones; returns how many were new. */
    @Transactional
    public int sync() {
        int added = 0;
        for (VaultOrganization organization : vault.organizations()) {
            Optional<Organization> known = byVaultId(organization.id());
            if (known.isEmpty()) {
                insert(organization);
                added++;
            } else {
                jdbc.sql("update organizations set name = ?, updated_at = ? where organization_key = ? and origin = 'IT_GLUE'")
                        .params(organization.name(), Timestamp.from(Instant.now()), known.get().key()).update();
            }
        }
        return added;
    }

    private Optional<Organization> byVaultId(long vaultOrganizationId) {
        return jdbc.sql("select * from organizations where itglue_organization_id = ?").param(vaultOrganizationId)
                .query(Organizations::toOrganization).optional();
    }

    private Organization insert(VaultOrganization organization) {
        String key = slug(organization.name());
        if (key.isEmpty() || byKey(key).isPresent()) {
            key = (key.isEmpty() ? "organization" : key) + "-" + organization.id();
        }
        jdbc.sql("insert into organizations (organization_key, name, itglue_organization_id, origin, updated_at) "
                + "values (?, ?, ?, 'IT_GLUE', ?)")
                .params(key, organization.name(), organization.id(), Timestamp.from(Instant.now())).update();
        return byKey(key).orElseThrow();
    }

    private void configure(OrganizationProperties properties) {
        Map<Long, String> byCompany = new HashMap<>();
        properties.organizations().forEach((key, settings) -> {
            String clash = byCompany.put(settings.autotaskCompanyId(), key);
            if (clash != null) {
                throw new IllegalStateException("Organizations " + clash + " and " + key
                        + " both claim Autotask company " + settings.autotaskCompanyId());
            }
        });
        properties.organizations().forEach((key, settings) -> {
            Timestamp now = Timestamp.from(Instant.now());
            // configuration wins: a synced row for the same vault organization or company gives way
            jdbc.sql("delete from organizations where organization_key <> ? and (itglue_organization_id = ? or autotask_company_id = ?)")
                    .params(key, settings.itglueOrganizationId(), settings.autotaskCompanyId()).update();
            int updated = jdbc.sql("update organizations set name = ?, itglue_organization_id = ?, autotask_company_id = ?, "
                    + "origin = 'CONFIGURED', updated_at = ? where organization_key = ?")
                    .params(settings.name(), settings.itglueOrganizationId(), settings.autotaskCompanyId(), now, key).update();
            if (updated == 0) {
                jdbc.sql("insert into organizations (organization_key, name, itglue_organization_id, autotask_company_id, origin, "
                        + "updated_at) values (?, ?, ?, ?, 'CONFIGURED', ?)")
                        .params(key, settings.name(), settings.itglueOrganizationId(), settings.autotaskCompanyId(), now).update();
            }
        });
    }

    /** A key people can type: lower-case letters, digits and dashes. */
    static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return slug.length() > 48 ? slug.substring(0, 48).replaceAll("-+$", "") : slug;
    }

    private static Organization toOrganization(ResultSet row, int index) throws SQLException {
        long company = row.getLong("autotask_company_id");
        Optional<Long> autotask = row.wasNull() ? Optional.empty() : Optional.of(company);
        return new Organization(row.getString("organization_key"), row.getString("name"), autotask,
                row.getLong("itglue_organization_id"));
    }
}
