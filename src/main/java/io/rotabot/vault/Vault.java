package io.rotabot.vault;

import io.rotabot.security.Secret;
import java.util.List;
import java.util.Optional;

/** The port to the MSP's password vault. */
public interface Vault {

    /** Every organization the API key can see. */
    List<VaultOrganization> organizations();

    /** The organization the vault maps to this Autotask company, if it has one. */
    Optional<VaultOrganization> organizationOfPsaCompany(long autotaskCompanyId);

    /** Every password record of the organization, archived and restricted ones included, never their secrets. */
    List<VaultRecord> records(long organizationId);

    /** The record's metadata, never its secret; empty when the vault has no such record. */
    Optional<VaultRecord> record(String recordId);

    /** Stores a new password as the record's next revision, changing nothing else, and reads it back. */
    VaultUpdate updatePassword(String recordId, Secret password);

    /**
     * Creates a password record in the organization holding this password, and reads it back; the answer
     * carries the new record (its id and link) when the vault confirmed it.
     *
     * @param organizationId the vault organization
     * @param name the record's name as people see it
     * @param username the account the password belongs to
     * @param notes why the record exists
     */
    VaultUpdate createPassword(long organizationId, String name, String username, String notes, Secret password);
}
