package io.rotabot.policy;

import java.util.List;

/**
 * The settings that apply to one organization's passwords right now.
 *
 * @param organizationKey the organization
 * @param source "organization rule" or "global settings"
 * @param settings the settings in force (the global switch folded in)
 * @param passwordPolicy what generated passwords must meet: the settings, made stricter where the
 *                       directory's own policy demands more
 * @param warnings where the settings were weaker than the directory's policy, and what won
 */
public record EffectiveSettings(String organizationKey, String source, RotationSettings settings,
                                PasswordPolicy passwordPolicy, List<String> warnings) {
}
