package io.rotabot.directory;

/**
 * One kind of directory (an adapter in a sub-package). {@link Directories} routes each call to the
 * adapters that serve the organization, and each account to the adapter of its source.
 */
public interface DirectoryAdapter extends Directory {

    DirectoryAccount.Source source();

    default boolean serves(String organizationKey) {
        return organizations().contains(organizationKey);
    }

    /** A light check for health: reaches the directory as the service and says where; throws when it cannot. */
    String probe(String organizationKey);
}
