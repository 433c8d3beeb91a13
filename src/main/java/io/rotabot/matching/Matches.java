package io.rotabot.matching;

import io.rotabot.directory.Directory;
import io.rotabot.directory.DirectoryAccount;
import io.rotabot.organization.Organization;
import io.rotabot.organization.Organizations;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Approved pairs of a directory account and its vault record. Approval is a person's consent to rotate:
 * nothing without an approved match is ever rotated.
 */
@Service
public class Matches {

    private final JdbcClient jdbc;
    private final Organizations organizations;
    private final Directory directory;

    Matches(JdbcClient jdbc, Organizations organizations, Directory directory) {
        this.jdbc = jdbc;
        this.organizations = organizations;
        this.directory = directory;
    }

    /** Records that a person approved rotating this account's password into this vault record. */
    @Transactional
    public void approve(String organizationKey, String accountId, String accountName, String vaultRecordId) {
        if (organizations.byKey(organizationKey).isEmpty()) {
            throw new IllegalArgumentException("Unknown organization " + organizationKey);
        }
        jdbc.sql("delete from account_matches where organization_key = ? and account_id = ?")
            .params(organizationKey, accountId).update();
        jdbc.sql("""
                insert into account_matches (organization_key, account_id, account_name, vault_record_id, state, decided_at)
                values (?, ?, ?, ?, 'MATCHED', ?)""")
            .params(organizationKey, accountId, accountName, vaultRecordId, Timestamp.from(Instant.now()))
            .update();
    }

    /** The approved vault record of an account, if any. */
    public Optional<String> approvedRecord(String organizationKey, String accountId) {
        return jdbc.sql("select vault_record_id from account_matches where organization_key = ? and account_id = ? and state = 'MATCHED'")
            .params(organizationKey, accountId)
            .query(String.class)
            .optional();
    }

    /**
     * Finds the requester's own account in their company's organization by e-mail address, and its
     * approved vault record. A company without an organization, or an address without exactly one
     * account, resolves to nothing.
     */
    public Resolution resolveRequester(long companyId, Optional<String> email) {
        Optional<Organization> organization = organizations.byAutotaskCompany(companyId);
        if (organization.isEmpty()) {
            return Resolution.failed(Resolution.Outcome.UNKNOWN_COMPANY,
                    "the ticket's company (" + companyId + ") is not mapped to an organization in Rotabot");
        }
        if (email.isEmpty()) {
            return Resolution.failed(Resolution.Outcome.NO_REQUESTER,
                    "the ticket has no active contact of its company with an e-mail address");
        }
        String key = organization.get().key();
        Optional<DirectoryAccount> account = directory.findByEmail(key, email.get());
        if (account.isEmpty()) {
            return Resolution.failed(Resolution.Outcome.NO_ACCOUNT,
                    "no single account with the address " + email.get() + " in " + organization.get().name() + "'s directory");
        }
        DirectoryAccount found = account.get();
        return approvedRecord(key, found.id())
            .map(record -> new Resolution(Resolution.Outcome.MATCHED, "matched", key, found.id(), found.logonName(), record))
            .orElseGet(() -> new Resolution(Resolution.Outcome.NOT_MATCHED,
                    "the account " + found.logonName() + " is not matched to an approved vault record",
                    key, found.id(), found.logonName(), ""));
    }
}
