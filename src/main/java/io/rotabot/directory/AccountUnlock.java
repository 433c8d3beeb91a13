package io.rotabot.directory;

import io.rotabot.VendorText;

/**
 * What a directory did when asked to end an account's lockout, without touching its password.
 *
 * @param result what happened
 * @param detail the directory's answer in words; cleaned ({@link VendorText}), as it may quote the directory
 */
public record AccountUnlock(Result result, String detail) {

    public AccountUnlock {
        detail = VendorText.clean(detail);
    }

    public enum Result {
        /** The lockout was ended. */
        UNLOCKED,
        /** The account was not locked out: nothing to do. */
        WAS_NOT_LOCKED,
        /** The bind account or app may not unlock this account. */
        NOT_PERMITTED,
        /** The account no longer exists. */
        ACCOUNT_GONE,
        /** The directory has no administrator unlock (Entra ID's smart lockout ends by itself). */
        UNSUPPORTED
    }

    public boolean succeeded() {
        return result == Result.UNLOCKED || result == Result.WAS_NOT_LOCKED;
    }
}
