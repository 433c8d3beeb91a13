package io.rotabot.policy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code rotabot.policy.*}: the global settings a new installation starts with; afterwards they are
 * changed through the REST API and kept in the database.
 *
 * @param rotationEnabled Enable Password Rotation
 * @param length password length (8–256)
 * @param uppercase require an upper-case letter
 * @param lowercase require a lower-case letter
 * @param digit require a digit
 * @param symbol require a non-alphanumeric character
 * @param scheduledRotation Enable Scheduled Rotation
 * @param frequencyDays scheduled rotation every so many days (1–365)
 * @param respectMinimumAge wait for the directory's minimum password age
 */
@ConfigurationProperties("rotabot.policy")
record PolicyProperties(@DefaultValue("true") boolean rotationEnabled, @DefaultValue("20") int length,
                        @DefaultValue("true") boolean uppercase, @DefaultValue("true") boolean lowercase,
                        @DefaultValue("true") boolean digit, @DefaultValue("true") boolean symbol,
                        @DefaultValue("false") boolean scheduledRotation, @DefaultValue("90") int frequencyDays,
                        @DefaultValue("true") boolean respectMinimumAge) {

    RotationSettings toSettings() {
        return new RotationSettings(rotationEnabled, length, uppercase, lowercase, digit, symbol, scheduledRotation,
                frequencyDays, respectMinimumAge);
    }
}
