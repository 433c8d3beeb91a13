package io.rotabot.directory;

import io.rotabot.security.Secret;
import java.util.Optional;

/**
 * The port to a customer's directory. Lookups and changes throw {@link DirectoryUnavailableException}
 * when the directory cannot answer; every answer it does give is a value.
 */
public interface Directory {

    /** The enabled or disabled user account whose mail or UPN is this address, if exactly one has it. */
    Optional<DirectoryAccount> findByEmail(String organizationKey, String email);

    /** The account with this immutable id, wherever it lives now. */
    Optional<DirectoryAccount> account(String organizationKey, String accountId);

    /** Sets the password as an administrator reset, then verifies it with a bind on the same server. */
    PasswordChange setPassword(DirectoryAccount account, Secret password);

    /** Whether a bind as the account with this password succeeds now. */
    boolean accepts(DirectoryAccount account, Secret password);
}
