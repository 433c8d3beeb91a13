package io.rotabot.rotation;

/**
 * Where a rotation's new password has got to. States only move forward. The ciphertext is kept until
 * {@link #DONE}, or until {@link #ABANDONED} when the directory provably does not hold the password.
 */
public enum JournalState {
    /** Accepted and checked, no password generated yet: ready, or waiting for the minimum password age. */
    WAITING,
    /** Generated and encrypted; the directory may or may not have it yet. */
    PENDING,
    /** The directory has it (verified by a bind, or answered "changed" and flagged unverified); the vault does not yet. */
    DIRECTORY_SET,
    /** The vault confirmed the new revision. */
    VAULT_SET,
    /** Finished; the ciphertext is wiped. */
    DONE,
    /**
     * Nothing holds the password — none was generated, the directory refused it with no earlier attempt
     * left in doubt, or a later rotation of the account replaced it in both systems; the ciphertext is wiped.
     */
    ABANDONED;

    boolean holdsPassword() {
        return this == PENDING || this == DIRECTORY_SET || this == VAULT_SET;
    }
}
