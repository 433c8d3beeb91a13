package io.rotabot.classify;

/** Whether a ticket asks Rotabot to reset the requester's password. */
public enum Intent {
    /** Act: reset the requester's own password. */
    RESET,
    /** Do nothing. */
    NOT_A_RESET,
    /** Signals conflict, or someone else's or a privileged account is meant: a technician decides. */
    UNSURE
}
