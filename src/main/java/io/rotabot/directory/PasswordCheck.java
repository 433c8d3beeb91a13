package io.rotabot.directory;

/**
 * What a directory can prove about whether it holds a password for an account now. Only {@link #DOES_NOT_HOLD}
 * lets a caller forget a password a directory may have taken; {@link #UNKNOWN} never does.
 */
public enum PasswordCheck {

    /**
     * The directory holds it: a bind with it succeeded, or AD refused the bind with a {@code data} code it gives
     * only to the right password (530, 531, 532 expired, 533 disabled, 701 account expired, 773 must change;
     * measured on Samba 4.17, see reference/API-FACTS.md "Account states").
     */
    HOLDS,
    /**
     * The directory provably does not hold it: AD refused the bind with result 49 and {@code data 52e}, the one
     * code it gives for a wrong password (API-FACTS.md "Account states").
     */
    DOES_NOT_HOLD,
    /**
     * Nothing proves either way: Entra ID, whose Graph API cannot test a password without a user's sign-in; an AD
     * account locked out ({@code data 775}, which AD answers whatever the password); any other refusal without
     * a code that tells.
     */
    UNKNOWN
}
