package io.rotabot.directory;

/**
 * What an administrator's reset does besides setting the password.
 *
 * @param unlock also end a lockout (AD: {@code lockoutTime} = 0), since AD's reset alone leaves the account
 *               locked and a bind then fails with {@code data 775} whatever the password
 * @param mustChangeAtNextLogon make the person choose their own password at the next sign-in (AD:
 *               {@code pwdLastSet} = 0, which a verifying bind answers with {@code data 773}; Entra ID:
 *               {@code forceChangePasswordNextSignIn})
 */
public record ResetOptions(boolean unlock, boolean mustChangeAtNextLogon) {

    /** A plain reset: the password only, as rotations in bulk and by schedule do. */
    public static final ResetOptions PASSWORD_ONLY = new ResetOptions(false, false);
}
