package io.rotabot.organization;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code rotabot.organizations.<key>.*}: organizations fixed in configuration, with the key their
 * directory connections use. They win over what a sync from the vault says about the same organization.
 *
 * @param organizations per key
 */
@Validated
@ConfigurationProperties("rotabot")
record OrganizationProperties(@DefaultValue Map<String, @Valid Settings> organizations) {

    /**
     * @param name display name
     * @param autotaskCompanyId the Autotask company
     * @param itglueOrganizationId the IT Glue organization
     */
    record Settings(@NotBlank String name, @Positive long autotaskCompanyId, @Positive long itglueOrganizationId) {
    }
}
