package io.rotabot.directory;

/** Whether a directory holds a given password, as far as it can tell. */
public enum PasswordCheck {
    /** A bind with it succeeded, or the refusal proves the password. */
    HOLDS,
    /** A bind proved the password wrong. */
    DOES_NOT_HOLD,
    /** The directory cannot tell. */
    UNKNOWN
}
