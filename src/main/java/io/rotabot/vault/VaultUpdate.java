package io.rotabot.vault;

import java.util.Optional;

/**
 * What the vault did with a new password. Only {@link Result#STORED} means the vault confirmed it by
 * returning the same value when read back.
 *
 * @param result what happened
 * @param detail the reason in words
 * @param record the record as it is after the update, when the vault answered with it
 */
public record VaultUpdate(Result result, String detail, Optional<VaultRecord> record) {

    public enum Result {
        STORED,
        RECORD_GONE,
        NOT_PERMITTED,
        REJECTED,
        NOT_CONFIRMED
    }

    public static VaultUpdate stored(VaultRecord record) {
        return new VaultUpdate(Result.STORED, "new revision stored and read back", Optional.of(record));
    }

    public static VaultUpdate failed(Result result, String detail) {
        return new VaultUpdate(result, detail, Optional.empty());
    }

    public boolean succeeded() {
        return result == Result.STORED;
    }
}
