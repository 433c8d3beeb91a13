package io.rotabot.policy;

/**
 * How new passwords are made.
 *
 * @param length the length of every generated password (8–256)
 * @param uppercase require an upper-case letter
 * @param lowercase require a lower-case letter
 * @param digit require a digit
 * @param symbol require a non-alphanumeric character
 */
public record PasswordPolicy(int length, boolean uppercase, boolean lowercase, boolean digit, boolean symbol) {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 256;

    public PasswordPolicy {
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new IllegalArgumentException("length must be between " + MIN_LENGTH + " and " + MAX_LENGTH
                    + ", was " + length);
        }
        if (!(uppercase || lowercase || digit || symbol)) {
            throw new IllegalArgumentException("at least one character class must be required");
        }
    }
}
