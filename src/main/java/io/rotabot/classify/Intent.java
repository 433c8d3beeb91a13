package io.rotabot.classify;

/** Whether a ticket asks Rotabot to act on the requester's own account. */
public enum Intent {
    /** Act automatically on the requester's own account with the classification's scenario (a reset, an unlock…). */
    RESET,
    /** Do nothing. */
    NOT_A_RESET,
    /** Signals conflict, another system, someone else's or a privileged account is meant: a technician decides. */
    UNSURE
}
