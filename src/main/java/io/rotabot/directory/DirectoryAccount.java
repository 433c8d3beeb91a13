package io.rotabot.directory;

import java.time.Instant;
import java.util.Optional;

/**
 * A user account in a customer's directory.
 *
 * @param organizationKey the organization whose directory holds it
 * @param id the immutable id (AD objectGUID in its usual text form), which survives renames
 * @param distinguishedName where the account lives now
 * @param samAccountName the pre-Windows 2000 logon name
 * @param userPrincipalName the user@domain logon name, may be empty
 * @param mail the e-mail address, may be empty
 * @param displayName the display name, may be empty
 * @param domain the domain's NetBIOS name, as in DOMAIN\\user
 * @param enabled false when the account is disabled
 * @param privileged a member, directly or through nested groups, of a group that administers the
 *                   domain, or protected by AdminSDHolder (adminCount=1)
 * @param passwordLastSet when the password was last set; empty when it must change at next logon
 */
public record DirectoryAccount(String organizationKey, String id, String distinguishedName, String samAccountName,
                               String userPrincipalName, String mail, String displayName, String domain,
                               boolean enabled, boolean privileged, Optional<Instant> passwordLastSet) {

    /** The name a technician recognises: the UPN when there is one. */
    public String logonName() {
        return userPrincipalName.isEmpty() ? samAccountName : userPrincipalName;
    }
}
