package io.rotabot.classify;

/** Whether a ticket asks Rotabot to reset the requester's password. */
public enum Intent {
    RESET,
    NOT_A_RESET
}
