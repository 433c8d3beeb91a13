package io.rotabot.vault;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A password record in the vault, without its secret.
 *
 * @param id the vault's id of the record
 * @param organizationId the vault organization that owns it
 * @param name the record's name
 * @param username the user name stored with it
 * @param url the address of the system the password is for, may be empty
 * @param category the record's password category, may be empty
 * @param resourceUrl the link to show people; the vault gives it, nobody builds it
 * @param restricted whether the vault restricts who may see it
 * @param archived whether it is archived
 * @param passwordUpdatedAt when its password last changed, if the vault knows
 * @param updatedAt when the record last changed, if the vault knows
 */
public record VaultRecord(String id, long organizationId, String name, String username, String url, String category,
                          String resourceUrl, boolean restricted, boolean archived, Optional<OffsetDateTime> passwordUpdatedAt,
                          Optional<OffsetDateTime> updatedAt) {
}
