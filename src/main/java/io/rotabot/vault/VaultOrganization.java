package io.rotabot.vault;

/**
 * An organization in the vault.
 *
 * @param id the vault's id
 * @param name its name
 */
public record VaultOrganization(long id, String name) {
}
