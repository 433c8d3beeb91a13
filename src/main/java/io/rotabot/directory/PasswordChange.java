package io.rotabot.directory;

/**
 * What a directory did with a new password. Only {@link Result#CHANGED} means the account now has it
 * and a bind with it succeeded on the same domain controller.
 *
 * @param result what happened
 * @param detail the directory's reason in words, never the password
 */
public record PasswordChange(Result result, String detail) {

    public enum Result {
        /** Set and verified by a bind. */
        CHANGED,
        /** The directory's password policy refused it (length, complexity, history, age). */
        REJECTED_BY_POLICY,
        /** The account no longer exists. */
        ACCOUNT_GONE,
        /** The bind account may not reset this account's password. */
        NOT_PERMITTED,
        /** The directory cannot do what the connection asks (e.g. history enforcement it does not support). */
        UNSUPPORTED,
        /** The directory accepted the change but a bind with the new password failed. */
        NOT_VERIFIED
    }

    public static PasswordChange changed() {
        return new PasswordChange(Result.CHANGED, "password set and verified by a bind");
    }

    public boolean succeeded() {
        return result == Result.CHANGED;
    }
}
