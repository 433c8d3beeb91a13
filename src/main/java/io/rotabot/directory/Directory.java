package io.rotabot.directory;

import io.rotabot.security.Secret;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The port to a customer's directory. Lookups and changes throw {@link DirectoryUnavailableException}
 * when the directory cannot answer; every answer it does give is a value.
 */
public interface Directory {

    /** The organizations with a directory connection. */
    Set<String> organizations();

    /** The user account whose mail or UPN is this address, if exactly one has it. */
    Optional<DirectoryAccount> findByEmail(String organizationKey, String email);

    /** The account with this immutable id, wherever it lives now. */
    Optional<DirectoryAccount> account(String organizationKey, String accountId);

    /** Every user account of the organization's directory, for matching. */
    List<DirectoryAccount> accounts(String organizationKey);

    /** Whether this is the account the organization's connection itself binds as. */
    boolean isServiceAccount(DirectoryAccount account);

    /**
     * Sets the password as an administrator reset (unlocking the account and asking for a change at the
     * next sign-in where the options say so), then verifies it with a bind on the same server. AD gives some
     * reasons for refusing a bind only to the right password, so they prove it too: must change
     * ({@code data 773}), password expired ({@code 532}), disabled ({@code 533}), account expired
     * ({@code 701}), logon hours or workstation ({@code 530}, {@code 531}). A lockout ({@code 775}) is
     * reported whatever the password, so a reset that leaves one in place is {@code NOT_VERIFIED}. On the
     * connection's own account, the connection binds with the new password from then on.
     *
     * @return the directory's answer; every refusal is one, in words, with the directory's codes
     * @throws DirectoryUnavailableException when the directory gave no verdict: unreachable, busy, or no answer in
     *         time, in which case it may hold the new password ({@link #holds} tells)
     */
    PasswordChange setPassword(DirectoryAccount account, Secret password, ResetOptions options);

    /** Ends the account's lockout without touching its password; an account that is not locked out is left alone. */
    AccountUnlock unlock(DirectoryAccount account);

    /**
     * Whether the directory holds this password for the account now, as far as it can prove it (see
     * {@link PasswordCheck} for the facts behind each answer). In AD a bind as the account tells: a success or a
     * refusal AD gives only to the right password is {@code HOLDS}, {@code data 52e} is {@code DOES_NOT_HOLD},
     * anything else (a lockout's 775) {@code UNKNOWN}; Entra ID cannot test a password and always answers
     * {@code UNKNOWN}. When the account is the connection's own and the directory holds the password, the
     * connection binds with it from then on.
     *
     * @throws DirectoryUnavailableException when no server answered the bind
     */
    PasswordCheck holds(DirectoryAccount account, Secret password);

    /** The directory's own password policy for the organization (domain policy; Entra ID's fixed rules). */
    DirectoryPasswordPolicy passwordPolicy(String organizationKey);

    /** The account's effective minimum password age and when its password was last set. */
    MinimumPasswordAge minimumPasswordAge(DirectoryAccount account);

    /**
     * Checks each of the organization's directory servers step by step — reach, TLS, certificate,
     * host name, bind, policy, rights — and says which step failed and what to do.
     */
    List<Diagnosis> diagnose(String organizationKey);
}
