package io.rotabot.policy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code rotabot.policy.*}: the global password policy until organization rules exist.
 *
 * @param length password length
 * @param uppercase require an upper-case letter
 * @param lowercase require a lower-case letter
 * @param digit require a digit
 * @param symbol require a non-alphanumeric character
 */
@ConfigurationProperties("rotabot.policy")
record PolicyProperties(@DefaultValue("20") int length, @DefaultValue("true") boolean uppercase,
                        @DefaultValue("true") boolean lowercase, @DefaultValue("true") boolean digit,
                        @DefaultValue("true") boolean symbol) {

    PasswordPolicy toPolicy() {
        return new PasswordPolicy(length, uppercase, lowercase, digit, symbol);
    }
}
