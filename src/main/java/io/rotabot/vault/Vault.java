package io.rotabot.vault;

import io.rotabot.security.Secret;
import java.util.Optional;

/** The port to the MSP's password vault. */
public interface Vault {

    /** The record's metadata, never its secret; empty when the vault has no such record. */
    Optional<VaultRecord> record(String recordId);

    /** Stores a new password as the record's next revision, changing nothing else, and reads it back. */
    VaultUpdate updatePassword(String recordId, Secret password);
}
