package io.rotabot.directory;

import io.rotabot.VendorText;

/**
 * What a directory did with a new password. Only {@link Result#CHANGED} means the account now has it:
 * in AD a bind with it succeeded on the same domain controller; in Entra ID Graph confirmed the reset.
 * Every other result is the directory's answer that it did not take the password, except {@link Result#NOT_VERIFIED}.
 *
 * @param result what happened
 * @param detail the directory's reason in words, never the password; cleaned ({@link VendorText}), as it may
 *               quote the directory and is stored and shown
 */
public record PasswordChange(Result result, String detail) {

    public PasswordChange {
        detail = VendorText.clean(detail);
    }

    public enum Result {
        /** Set and confirmed. */
        CHANGED,
        /** The directory's password policy refused it (length, complexity, history, age). */
        REJECTED_BY_POLICY,
        /** The account no longer exists. */
        ACCOUNT_GONE,
        /** The bind account or app may not reset this account's password. */
        NOT_PERMITTED,
        /** The MSP's multi-tenant (GDAP) access lacks the role in this customer's tenant. */
        TENANT_NOT_PERMITTED,
        /** An Entra ID user synced from on-premises AD: its password is set in AD, never through Graph. */
        MASTERED_ON_PREMISES,
        /**
         * The directory will not do what the connection asks: history enforcement it does not support, AD's
         * WILL_NOT_PERFORM (connection security, rights, a read-only domain controller), or another refusal.
         */
        UNSUPPORTED,
        /** The directory accepted the change but a bind with the new password failed. */
        NOT_VERIFIED
    }

    public static PasswordChange changed(String how) {
        return new PasswordChange(Result.CHANGED, how);
    }

    public boolean succeeded() {
        return result == Result.CHANGED;
    }
}
