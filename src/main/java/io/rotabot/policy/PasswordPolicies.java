package io.rotabot.policy;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/** The policy in force for an organization's passwords. */
@Service
@EnableConfigurationProperties(PolicyProperties.class)
public class PasswordPolicies {

    private final PasswordPolicy global;

    PasswordPolicies(PolicyProperties properties) {
        this.global = properties.toPolicy();
    }

    /** Organization rules come later; until then the global settings apply to every organization. */
    public PasswordPolicy effectiveFor(String organizationKey) {
        return global;
    }
}
