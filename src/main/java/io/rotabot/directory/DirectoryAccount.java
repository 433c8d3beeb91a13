package io.rotabot.directory;

import java.time.Instant;
import java.util.Optional;

/**
 * A user account in a customer's directory.
 *
 * @param organizationKey the organization whose directory holds it
 * @param source the kind of directory it lives in, which is where its password is set
 * @param id the immutable id (AD objectGUID, Entra object id), which survives renames
 * @param distinguishedName where the account lives now (AD); empty in Entra ID
 * @param samAccountName the pre-Windows 2000 logon name (AD); empty in Entra ID
 * @param userPrincipalName the user@domain logon name, may be empty in AD
 * @param mail the e-mail address, may be empty
 * @param displayName the display name, may be empty
 * @param domain the domain: AD's NetBIOS name (as in DOMAIN\\user), or the UPN's domain in Entra ID
 * @param enabled false when the account is disabled (AD userAccountControl bit 0x2, Entra accountEnabled)
 * @param lockedOut AD: locked out by failed sign-ins ({@code lockoutTime} set, within the domain's lockout duration);
 *                  a reset alone does not unlock it; never in Entra ID, whose smart lockout Graph does not show
 * @param expired the account itself has expired (AD {@code accountExpires} in the past): no sign-in, whatever the password
 * @param privilege whether the account administers the directory, and how far
 * @param syncedFromOnPremises an Entra ID user mastered in on-premises AD, whose password is set there
 * @param passwordLastSet when the password was last set, if known
 */
public record DirectoryAccount(String organizationKey, Source source, String id, String distinguishedName,
                               String samAccountName, String userPrincipalName, String mail, String displayName,
                               String domain, boolean enabled, boolean lockedOut, boolean expired, Privilege privilege, boolean syncedFromOnPremises,
                               Optional<Instant> passwordLastSet) {

    public enum Source {
        ACTIVE_DIRECTORY,
        ENTRA_ID
    }

    public enum Privilege {
        NONE,
        /** AD: a member of an administering group or adminCount=1; Entra ID: holds a directory role. */
        ADMINISTRATOR,
        /** Entra ID's Global Administrator. */
        GLOBAL_ADMINISTRATOR
    }

    /** Whether the person can sign in at all apart from the password: neither disabled nor expired. */
    public boolean usable() {
        return enabled && !expired;
    }

    public boolean privileged() {
        return privilege != Privilege.NONE;
    }

    /** The name a technician recognises: the UPN when there is one. */
    public String logonName() {
        return userPrincipalName.isEmpty() ? samAccountName : userPrincipalName;
    }

    /** The short user name a password must not contain. */
    public String username() {
        return !samAccountName.isEmpty() ? samAccountName : userPrincipalName.replaceAll("@.*$", "");
    }
}
