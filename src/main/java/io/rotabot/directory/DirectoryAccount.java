package io.rotabot.directory;

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
 */
public record DirectoryAccount(String organizationKey, String id, String distinguishedName, String samAccountName,
                               String userPrincipalName, String mail, String displayName) {

    /** The name a technician recognises: the UPN when there is one. */
    public String logonName() {
        return userPrincipalName.isEmpty() ? samAccountName : userPrincipalName;
    }
}
