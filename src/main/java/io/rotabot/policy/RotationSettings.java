package io.rotabot.policy;

/**
 * How and when passwords rotate: the global settings, or an organization rule that overrides them.
 * A value out of range is refused with the field's name.
 *
 * @param rotationEnabled "Enable Password Rotation": when off, every rotation is Not Permitted
 * @param minimumLength the length of generated passwords (8–256); a directory demanding more wins
 * @param uppercase require an upper-case letter
 * @param lowercase require a lower-case letter
 * @param digit require a digit
 * @param symbol require a non-alphanumeric character
 * @param scheduledRotation "Enable Scheduled Rotation"
 * @param frequencyDays rotate on schedule every so many days (1–365)
 * @param respectMinimumAge wait for the directory's minimum password age before rotating
 */
public record RotationSettings(boolean rotationEnabled, int minimumLength, boolean uppercase, boolean lowercase,
                               boolean digit, boolean symbol, boolean scheduledRotation, int frequencyDays,
                               boolean respectMinimumAge) {

    public RotationSettings {
        if (minimumLength < PasswordPolicy.MIN_LENGTH || minimumLength > PasswordPolicy.MAX_LENGTH) {
            throw new InvalidSettingsException("minimumLength", "must be between " + PasswordPolicy.MIN_LENGTH + " and "
                    + PasswordPolicy.MAX_LENGTH + ", was " + minimumLength);
        }
        if (frequencyDays < 1 || frequencyDays > 365) {
            throw new InvalidSettingsException("frequencyDays", "must be between 1 and 365, was " + frequencyDays);
        }
        if (!(uppercase || lowercase || digit || symbol)) {
            throw new InvalidSettingsException("uppercase", "at least one of uppercase, lowercase, digit and symbol must be required");
        }
    }

    PasswordPolicy passwordPolicy() {
        return new PasswordPolicy(minimumLength, uppercase, lowercase, digit, symbol);
    }
}
