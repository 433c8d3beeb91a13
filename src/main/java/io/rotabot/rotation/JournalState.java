package io.rotabot.rotation;

/**
 * Where a rotation's new password has got to. States only move forward. The ciphertext is kept until
 * {@link #DONE}, or until {@link #ABANDONED} when the directory certainly never took the password.
 */
public enum JournalState {
    /** Accepted and checked, no password generated yet: ready, or waiting for the minimum password age. */
    WAITING,
    /** Generated and encrypted; the directory may or may not have it yet. */
    PENDING,
    /** The directory has it, verified by a bind; the vault does not yet. */
    DIRECTORY_SET,
    /** The vault confirmed the new revision. */
    VAULT_SET,
    /** Finished; the ciphertext is wiped. */
    DONE,
    /** The directory refused the password, so nothing holds it; the ciphertext is wiped. */
    ABANDONED;

    boolean holdsPassword() {
        return this == PENDING || this == DIRECTORY_SET || this == VAULT_SET;
    }
}
