package io.rotabot.organization;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The configured organizations ({@code rotabot.organizations.<key>.*}). An Autotask company maps to at
 * most one organization, so a ticket can only ever act on its own customer's accounts.
 */
@Validated
@ConfigurationProperties("rotabot")
public class Organizations {

    private final List<Organization> all;

    public Organizations(@DefaultValue Map<String, @Valid Settings> organizations) {
        Map<Long, String> byCompany = new HashMap<>();
        organizations.forEach((key, settings) -> {
            String clash = byCompany.put(settings.autotaskCompanyId(), key);
            if (clash != null) {
                throw new IllegalStateException("Organizations " + clash + " and " + key
                        + " both claim Autotask company " + settings.autotaskCompanyId());
            }
        });
        this.all = organizations.entrySet().stream()
                .map(e -> new Organization(e.getKey(), e.getValue().name(), e.getValue().autotaskCompanyId(),
                        e.getValue().itglueOrganizationId()))
                .sorted(java.util.Comparator.comparing(Organization::key))
                .toList();
    }

    public List<Organization> all() {
        return all;
    }

    public Optional<Organization> byKey(String key) {
        return all.stream().filter(o -> o.key().equals(key)).findFirst();
    }

    public Optional<Organization> byAutotaskCompany(long companyId) {
        return all.stream().filter(o -> o.autotaskCompanyId() == companyId).findFirst();
    }

    /** What one organization's configuration holds. */
    public record Settings(@NotBlank String name, @Positive long autotaskCompanyId, @Positive long itglueOrganizationId) {
    }
}
